import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Form } from '../../../ui/Form.tsx'
import { useFormErrors } from '../../../ui/form-errors.ts'
import { FormAlert, FormButtons } from '../components/FormParts.tsx'
import { type AdminSchoolRow, useEditSchool } from './api.ts'
import { type SchoolDraft, SchoolFields } from './SchoolFields.tsx'

const FIELDS = ['name', 'kind', 'inseeCode', 'circonscription', 'rpi'] as const

/** Changes a school's name, kind, commune, circonscription and RPI (its UAI never changes). */
export function SchoolEditForm({
  school,
  onDone,
}: {
  school: AdminSchoolRow
  onDone: (saved: boolean) => void
}) {
  const { t } = useTranslation()
  const edit = useEditSchool(school.id)
  const errors = useFormErrors(FIELDS)
  const [draft, setDraft] = useState<SchoolDraft>({
    name: school.name,
    kind: school.kind,
    inseeCode: school.inseeCode,
    circonscription: school.circonscription ?? '',
    rpi: school.rpi ?? '',
  })

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    try {
      await edit.mutateAsync({ ...draft, inseeCode: draft.inseeCode.trim().toUpperCase() })
      onDone(true)
    } catch (error) {
      errors.fail(error)
    }
  }

  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <FormAlert message={errors.form} />
      <SchoolFields
        draft={draft}
        onChange={(change) => setDraft((current) => ({ ...current, ...change }))}
        errors={errors}
      />
      <FormButtons
        submitLabel={t('administration.common.save')}
        isPending={edit.isPending}
        onCancel={() => onDone(false)}
      />
    </Form>
  )
}

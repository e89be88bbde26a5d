import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Form } from '../../../ui/Form.tsx'
import { useFormErrors } from '../../../ui/form-errors.ts'
import { FormAlert, FormButtons } from '../components/FormParts.tsx'
import { type CollectivityRow, useEditCollectivity } from './api.ts'
import { type CollectivityDraft, CollectivityFields } from './CollectivityFields.tsx'
import { parseCommuneCodes, parsePopulation } from './collectivity-fields.ts'

const FIELDS = ['name', 'communeCodes', 'population'] as const

/** Changes what may change of a collectivity: its name, the communes it covers, its population. */
export function CollectivityEditForm({
  collectivity,
  onDone,
}: {
  collectivity: CollectivityRow
  onDone: (saved: boolean) => void
}) {
  const { t } = useTranslation()
  const edit = useEditCollectivity()
  const errors = useFormErrors(FIELDS)
  const [draft, setDraft] = useState<CollectivityDraft>({
    name: collectivity.name,
    communeCodes: collectivity.communeCodes.join(', '),
    population: collectivity.population?.toString() ?? '',
  })
  const k = 'administration.syndicate.collectivities' as const

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    try {
      await edit.mutateAsync({
        id: collectivity.id,
        name: draft.name,
        communeCodes: parseCommuneCodes(draft.communeCodes),
        population: parsePopulation(draft.population) ?? null,
      })
      onDone(true)
    } catch (error) {
      errors.fail(error)
    }
  }

  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <h3>{t(`${k}.editTitle`, { name: collectivity.name })}</h3>
      <FormAlert message={errors.form} />
      <CollectivityFields
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

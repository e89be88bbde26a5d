import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BusyButton } from '../../../ui/BusyButton.tsx'
import { useErrorText } from '../../../ui/ErrorMessage.tsx'
import { SelectField } from '../../../ui/SelectField.tsx'
import { type SchoolClass, useClassTeacher, useDirectorySearch } from './api.ts'

/**
 * "Affecter un·e enseignant·e": the school's teachers who do not teach the class yet, in a list, and a
 * button to assign the one chosen.
 */
export function TeacherAssignment({
  schoolId,
  klass,
  onAssigned,
}: {
  schoolId: string
  klass: SchoolClass
  onAssigned: (name: string) => void
}) {
  const { t } = useTranslation()
  const teachers = useDirectorySearch(schoolId, '', 'teacher')
  const assign = useClassTeacher(schoolId)
  const errorText = useErrorText()
  const [chosen, setChosen] = useState('')
  const [error, setError] = useState<string | null>(null)
  const k = 'administration.school.classes' as const

  const assigned = new Set(klass.teachers.map((teacher) => teacher.id))
  const candidates = (teachers.data?.people ?? []).filter((person) => !assigned.has(person.id))
  const loadError = teachers.isError ? errorText(teachers.error) : null

  const onAssign = async () => {
    const teacher = candidates.find((person) => person.id === chosen)
    if (!teacher) {
      setError(t(`${k}.chooseTeacher`))
      return
    }
    setError(null)
    try {
      await assign.mutateAsync({ classId: klass.id, userId: teacher.id, isAssigned: true })
      setChosen('')
      onAssigned(teacher.displayName)
    } catch (failure) {
      setError(errorText(failure))
    }
  }

  return (
    <div className="inline-form">
      <SelectField
        label={t(`${k}.assignLabel`, { name: klass.name })}
        value={chosen}
        onChange={(value) => {
          setChosen(value)
          setError(null)
        }}
        placeholder={teachers.isPending ? t('common.loading') : t('administration.common.choose')}
        options={candidates.map((person) => ({ value: person.id, label: person.displayName }))}
        errorMessage={error ?? loadError}
        isDisabled={candidates.length === 0}
        description={!teachers.isPending && candidates.length === 0 ? t(`${k}.noOtherTeacher`) : undefined}
      />
      <BusyButton
        variant="secondary"
        onPress={onAssign}
        isBusy={assign.isPending}
        isDisabled={candidates.length === 0}
      >
        {t(`${k}.assign`)}
      </BusyButton>
    </div>
  )
}

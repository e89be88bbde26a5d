import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BusyButton } from '../../../ui/BusyButton.tsx'
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx'
import { ErrorMessage, useErrorText } from '../../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { SelectField } from '../../../ui/SelectField.tsx'
import { useSchoolTeachers } from '../accounts/api.ts'
import { useDirectorChange } from './api.ts'

/**
 * The direction of a school: its directors (each can be relieved, after confirming), and the choice of
 * a teacher of the school to name. The director must already teach there.
 */
export function Directors({ schoolId, onChange }: { schoolId: string; onChange: (notice: string) => void }) {
  const { t } = useTranslation()
  const teachers = useSchoolTeachers(schoolId)
  const change = useDirectorChange(schoolId)
  const errorText = useErrorText()
  const [chosen, setChosen] = useState('')
  const [error, setError] = useState<string | null>(null)
  const k = 'administration.syndicate.directors' as const

  if (teachers.isPending) return <LoadingState />
  if (teachers.isError) return <ErrorMessage error={teachers.error} onRetry={() => teachers.refetch()} />

  const directors = teachers.data.filter((teacher) => teacher.isDirector)
  const others = teachers.data.filter((teacher) => !teacher.isDirector)

  const appoint = async () => {
    const teacher = others.find((person) => person.id === chosen)
    if (!teacher) {
      setError(t(`${k}.chooseFirst`))
      return
    }
    setError(null)
    try {
      await change.mutateAsync({ userId: teacher.id, isDirector: true })
      setChosen('')
      onChange(t(`${k}.appointed`, { name: teacher.displayName }))
    } catch (failure) {
      setError(errorText(failure))
    }
  }

  return (
    <>
      {directors.length === 0 ? (
        <p className="empty-state">{t(`${k}.none`)}</p>
      ) : (
        <ul className="row-list">
          {directors.map((director) => (
            <li key={director.id} className="row-list__item">
              <span className="row-list__main">
                <strong>{director.displayName}</strong>
                <span className="row-list__meta">{director.login}</span>
              </span>
              <ConfirmButton
                aria-label={t(`${k}.removeNamed`, { name: director.displayName })}
                title={t(`${k}.removeTitle`)}
                message={<p>{t(`${k}.removeMessage`, { name: director.displayName })}</p>}
                confirmLabel={t(`${k}.removeConfirm`)}
                onConfirm={async () => {
                  await change.mutateAsync({ userId: director.id, isDirector: false })
                  onChange(t(`${k}.removed`, { name: director.displayName }))
                }}
              >
                {t(`${k}.remove`)}
              </ConfirmButton>
            </li>
          ))}
        </ul>
      )}
      {others.length === 0 ? (
        <p className="field__description">{t(`${k}.noTeacher`)}</p>
      ) : (
        <div className="inline-form">
          <SelectField
            label={t(`${k}.teacher`)}
            description={t(`${k}.teacherHint`)}
            value={chosen}
            onChange={(value) => {
              setChosen(value)
              setError(null)
            }}
            placeholder={t('administration.common.choose')}
            options={others.map((teacher) => ({ value: teacher.id, label: teacher.displayName }))}
            errorMessage={error}
          />
          <BusyButton variant="primary" onPress={appoint} isBusy={change.isPending}>
            {t(`${k}.appoint`)}
          </BusyButton>
        </div>
      )}
    </>
  )
}

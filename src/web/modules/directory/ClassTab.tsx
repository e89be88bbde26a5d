import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { SelectField } from '../../ui/SelectField.tsx'
import { useClassFamilies } from './api.ts'
import { FamilyList } from './FamilyList.tsx'

/** "Ma classe": for a teacher, each pupil of their class with the parents and how to reach them. */
export function ClassTab({
  schoolId,
  classes,
}: {
  schoolId: string
  classes: { id: string; name: string }[]
}) {
  const { t } = useTranslation()
  const [classId, setClassId] = useState(classes[0]?.id ?? '')
  const families = useClassFamilies(schoolId, classId)
  return (
    <>
      {classes.length > 1 && (
        <SelectField
          label={t('directory.class')}
          value={classId}
          onChange={setClassId}
          options={classes.map((c) => ({ value: c.id, label: c.name }))}
          className="directory-class-choice"
        />
      )}
      {families.isPending ? (
        <LoadingState />
      ) : families.isError ? (
        <ErrorMessage error={families.error} onRetry={() => families.refetch()} />
      ) : (
        <section aria-labelledby="class-families">
          <h2 id="class-families" className="directory-class-title">
            {t('directory.familiesOf', { name: families.data.class.name })}
          </h2>
          <p className="directory-count">
            {t('directory.pupilCount', { count: families.data.pupils.length })}
          </p>
          <FamilyList pupils={families.data.pupils} />
        </section>
      )}
    </>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../ui/Button.tsx'
import { Card } from '../../../ui/Card.tsx'
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx'
import { EditIcon, PlusIcon } from '../../../ui/icons/ui-icons.tsx'
import { Link } from '../../../ui/Link.tsx'
import { type SchoolClass, useArchiveClass, useClassTeacher, useEditClass } from './api.ts'
import { ClassForm } from './ClassForm.tsx'
import { TeacherAssignment } from './TeacherAssignment.tsx'

/**
 * A class of the school: its levels, pupils and teachers. Who manages classes may rename it, change its
 * levels, assign or take off teachers, and archive it (after confirming).
 */
export function ClassCard({
  schoolId,
  klass,
  canManage,
  say,
}: {
  schoolId: string
  klass: SchoolClass
  canManage: boolean
  say: (notice: string) => void
}) {
  const { t } = useTranslation()
  const [isEditing, setEditing] = useState(false)
  const [isAssigning, setAssigning] = useState(false)
  const edit = useEditClass(schoolId)
  const archive = useArchiveClass(schoolId)
  const teacher = useClassTeacher(schoolId)
  const k = 'administration.school.classes' as const
  const titleId = `class-${klass.id}`

  if (isEditing) {
    return (
      <Card as="li" className="item-card">
        <h3>{t(`${k}.editTitle`, { name: klass.name })}</h3>
        <ClassForm
          initial={klass}
          submitLabel={t('administration.common.save')}
          save={async (values) => {
            await edit.mutateAsync({ classId: klass.id, ...values })
            setEditing(false)
            say(t(`${k}.saved`, { name: values.name }))
          }}
          onCancel={() => setEditing(false)}
        />
      </Card>
    )
  }

  return (
    <Card as="li" className="item-card" aria-labelledby={titleId}>
      <div className="item-card__head">
        <h3 id={titleId} className="item-card__title">
          {klass.name}
        </h3>
        <ul className="tag-list" aria-label={t(`${k}.levels`)}>
          {klass.levels.map((level) => (
            <li key={level} className="tag">
              {level}
            </li>
          ))}
        </ul>
      </div>
      <p className="item-card__meta">{t(`${k}.pupilCount`, { count: klass.pupilCount })}</p>
      <h4 className="item-card__subtitle">{t(`${k}.teachers`)}</h4>
      {klass.teachers.length === 0 ? (
        <p className="empty-state">{t(`${k}.noTeacher`)}</p>
      ) : (
        <ul className="row-list">
          {klass.teachers.map((person) => (
            <li key={person.id} className="row-list__item">
              <span className="row-list__main">{person.displayName}</span>
              {canManage && (
                <ConfirmButton
                  className="button--small"
                  aria-label={t(`${k}.unassignNamed`, { name: person.displayName, className: klass.name })}
                  title={t(`${k}.unassignTitle`)}
                  message={
                    <p>{t(`${k}.unassignMessage`, { name: person.displayName, className: klass.name })}</p>
                  }
                  confirmLabel={t(`${k}.unassignConfirm`)}
                  onConfirm={async () => {
                    await teacher.mutateAsync({ classId: klass.id, userId: person.id, isAssigned: false })
                    say(t(`${k}.unassigned`, { name: person.displayName, className: klass.name }))
                  }}
                >
                  {t(`${k}.unassign`)}
                </ConfirmButton>
              )}
            </li>
          ))}
        </ul>
      )}
      {canManage && isAssigning && (
        <div className="item-card__panel">
          <TeacherAssignment
            schoolId={schoolId}
            klass={klass}
            onAssigned={(name) => {
              setAssigning(false)
              say(t(`${k}.assigned`, { name, className: klass.name }))
            }}
          />
          <Button variant="quiet" onPress={() => setAssigning(false)}>
            {t('administration.common.cancel')}
          </Button>
        </div>
      )}
      <div className="item-card__actions">
        <Link href={`/ecoles/${schoolId}/classes/${klass.id}`} appearance="button">
          {t(`${k}.open`)}
        </Link>
        {canManage && (
          <>
            {!isAssigning && (
              <Button
                variant="secondary"
                onPress={() => setAssigning(true)}
                aria-label={t(`${k}.assignNamed`, { name: klass.name })}
              >
                <PlusIcon />
                {t(`${k}.assignOpen`)}
              </Button>
            )}
            <Button
              variant="secondary"
              onPress={() => setEditing(true)}
              aria-label={t(`${k}.editNamed`, { name: klass.name })}
            >
              <EditIcon />
              {t('administration.common.edit')}
            </Button>
            <ConfirmButton
              aria-label={t(`${k}.archiveNamed`, { name: klass.name })}
              title={t(`${k}.archiveTitle`, { name: klass.name })}
              message={<p>{t(`${k}.archiveMessage`)}</p>}
              confirmLabel={t(`${k}.archiveConfirm`)}
              onConfirm={async () => {
                await archive.mutateAsync(klass.id)
                say(t(`${k}.archived`, { name: klass.name }))
              }}
            >
              {t(`${k}.archive`)}
            </ConfirmButton>
          </>
        )}
      </div>
    </Card>
  )
}

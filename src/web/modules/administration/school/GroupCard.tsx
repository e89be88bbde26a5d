import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../ui/Button.tsx'
import { Card } from '../../../ui/Card.tsx'
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx'
import { useErrorText } from '../../../ui/ErrorMessage.tsx'
import { EditIcon, PlusIcon } from '../../../ui/icons/ui-icons.tsx'
import { PersonSearch } from '../components/PersonSearch.tsx'
import { type SchoolGroup, useDeleteGroup, useEditGroup, useGroupMembers } from './api.ts'
import { GroupForm } from './GroupForm.tsx'

/**
 * A manual group: its members (each can be taken off), a search to add people of the school, and, for
 * who manages groups, renaming and deleting it (after confirming).
 */
export function GroupCard({
  schoolId,
  group,
  canManage,
  say,
}: {
  schoolId: string
  group: SchoolGroup
  canManage: boolean
  say: (notice: string) => void
}) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [mode, setMode] = useState<'view' | 'edit' | 'add'>('view')
  const [error, setError] = useState<string | null>(null)
  const edit = useEditGroup(schoolId)
  const remove = useDeleteGroup(schoolId)
  const members = useGroupMembers(schoolId)
  const k = 'administration.school.groups' as const
  const memberIds = new Set(group.members.map((member) => member.id))
  const titleId = `group-${group.id}`

  if (mode === 'edit') {
    return (
      <Card as="li" className="item-card">
        <h3>{t(`${k}.editTitle`, { name: group.name })}</h3>
        <GroupForm
          initial={group}
          submitLabel={t('administration.common.save')}
          save={async (values) => {
            await edit.mutateAsync({ groupId: group.id, ...values })
            setMode('view')
            say(t(`${k}.saved`, { name: values.name }))
          }}
          onCancel={() => setMode('view')}
        />
      </Card>
    )
  }

  const takeOff = async (member: { id: string; displayName: string }) => {
    setError(null)
    try {
      await members.mutateAsync({ groupId: group.id, userIds: [member.id], isAdded: false })
      say(t(`${k}.memberRemoved`, { name: member.displayName, group: group.name }))
    } catch (failure) {
      setError(errorText(failure))
    }
  }

  return (
    <Card as="li" className="item-card" aria-labelledby={titleId}>
      <h3 id={titleId} className="item-card__title">
        {group.name}
      </h3>
      {group.description && <p className="item-card__meta">{group.description}</p>}
      <h4 className="item-card__subtitle">{t(`${k}.members`, { count: group.members.length })}</h4>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {group.members.length === 0 ? (
        <p className="empty-state">{t(`${k}.noMember`)}</p>
      ) : (
        <ul className="row-list">
          {group.members.map((member) => (
            <li key={member.id} className="row-list__item">
              <span className="row-list__main">{member.displayName}</span>
              {canManage && (
                <Button
                  variant="quiet"
                  className="button--small"
                  aria-label={t(`${k}.removeMemberNamed`, { name: member.displayName, group: group.name })}
                  onPress={() => takeOff(member)}
                >
                  {t(`${k}.removeMember`)}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canManage && mode === 'add' && (
        <div className="item-card__panel">
          <PersonSearch
            schoolId={schoolId}
            label={t(`${k}.searchLabel`, { group: group.name })}
            actionLabel={(person) =>
              t(`${k}.addMemberNamed`, { name: person.displayName, group: group.name })
            }
            isPicked={(person) => memberIds.has(person.id)}
            onPick={async (person) => {
              await members.mutateAsync({ groupId: group.id, userIds: [person.id], isAdded: true })
              say(t(`${k}.memberAdded`, { name: person.displayName, group: group.name }))
            }}
          />
          <Button variant="secondary" onPress={() => setMode('view')}>
            {t(`${k}.doneAdding`)}
          </Button>
        </div>
      )}
      {canManage && mode === 'view' && (
        <div className="item-card__actions">
          <Button
            variant="primary"
            onPress={() => setMode('add')}
            aria-label={t(`${k}.addMembersNamed`, { group: group.name })}
          >
            <PlusIcon />
            {t(`${k}.addMembers`)}
          </Button>
          <Button
            variant="secondary"
            onPress={() => setMode('edit')}
            aria-label={t(`${k}.editNamed`, { name: group.name })}
          >
            <EditIcon />
            {t('administration.common.edit')}
          </Button>
          <ConfirmButton
            aria-label={t(`${k}.deleteNamed`, { name: group.name })}
            title={t(`${k}.deleteTitle`, { name: group.name })}
            message={<p>{t(`${k}.deleteMessage`)}</p>}
            confirmLabel={t(`${k}.deleteConfirm`)}
            onConfirm={async () => {
              await remove.mutateAsync(group.id)
              say(t(`${k}.deleted`, { name: group.name }))
            }}
          >
            {t('administration.common.delete')}
          </ConfirmButton>
        </div>
      )}
    </Card>
  )
}

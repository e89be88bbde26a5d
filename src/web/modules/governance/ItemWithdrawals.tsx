import { useTranslation } from 'react-i18next'
import { Button } from '../../ui/Button.tsx'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import { SelectField } from '../../ui/SelectField.tsx'
import { type Meeting, type MeetingItem, useWithdrawals } from './api.ts'

/**
 * A delegate with a personal interest in an item leaves the room for it: they are taken out of the
 * item's present, its quorum is computed again at once, and they do not vote on it.
 */
export function ItemWithdrawals({ meeting, item }: { meeting: Meeting; item: MeetingItem }) {
  const { t } = useTranslation()
  const change = useWithdrawals(meeting.id)
  const errorText = useErrorText()
  const nameOf = new Map(meeting.attendance.map((l) => [l.delegateId, `${l.civility} ${l.name}`]))
  const candidates = meeting.attendance.filter((l) => item.presentIds.includes(l.delegateId))
  const save = (withdrawn: string[]) => change.mutate({ itemId: item.id, withdrawn })
  return (
    <div className="gov-withdrawals">
      {item.withdrawn.length > 0 && (
        <ul className="gov-chips" aria-label={t('governance.withdrawals.list', { position: item.position })}>
          {item.withdrawn.map((id) => (
            <li key={id}>
              {t('governance.withdrawals.left', { name: nameOf.get(id) })}{' '}
              <Button
                variant="secondary"
                onPress={() => save(item.withdrawn.filter((w) => w !== id))}
                aria-label={t('governance.withdrawals.backLabel', {
                  name: nameOf.get(id),
                  position: item.position,
                })}
              >
                {t('governance.withdrawals.back')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <SelectField
        label={t('governance.withdrawals.select', { position: item.position })}
        value=""
        placeholder={t('governance.withdrawals.nobody')}
        options={candidates.map((l) => ({ value: l.delegateId, label: nameOf.get(l.delegateId) ?? '' }))}
        onChange={(id) => id && save([...item.withdrawn, id])}
        isDisabled={change.isPending}
      />
      {change.isError && (
        <p role="alert" className="field__error">
          {errorText(change.error)}
        </p>
      )}
    </div>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { Button } from '../../ui/Button.tsx'
import { Card } from '../../ui/Card.tsx'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { SelectField } from '../../ui/SelectField.tsx'
import { type Meeting, useRecordMovement, useRemoveMovement } from './api.ts'

const KINDS = ['arrival', 'departure'] as const

/**
 * Arrivals and departures once the meeting is open: each counts from the item it precedes, so the
 * quorum of every following item is computed again (shown on each item below).
 */
export function MovementsCard({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation()
  const record = useRecordMovement(meeting.id)
  const remove = useRemoveMovement(meeting.id)
  const errorText = useErrorText()
  const [delegateId, setDelegateId] = useState('')
  const [kind, setKind] = useState<'arrival' | 'departure'>('departure')
  const [beforeItem, setBeforeItem] = useState('')
  const nameOf = new Map(meeting.attendance.map((l) => [l.delegateId, `${l.civility} ${l.name}`]))
  const titleOf = new Map(meeting.items.map((i) => [i.position, `${i.position}. ${i.title}`]))
  if (meeting.items.length === 0) return null
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    record.mutate(
      { delegateId, kind, beforeItem: Number(beforeItem) },
      { onSuccess: () => setDelegateId('') },
    )
  }
  const failure = record.error ?? remove.error
  return (
    <Card as="section" aria-labelledby="movements">
      <h2 id="movements">{t('governance.movements.heading')}</h2>
      {meeting.movements.length > 0 && (
        <ul className="gov-chips">
          {[...meeting.movements]
            .sort((a, b) => a.beforeItem - b.beforeItem)
            .map((m) => {
              const sentence = t(
                m.kind === 'arrival' ? 'governance.movements.arrives' : 'governance.movements.leaves',
                { name: nameOf.get(m.delegateId), item: titleOf.get(m.beforeItem) },
              )
              return (
                <li key={m.id}>
                  {sentence}{' '}
                  <Button
                    variant="secondary"
                    onPress={() => remove.mutate(m.id)}
                    aria-label={t('governance.movements.cancelLabel', { sentence })}
                  >
                    {t('governance.movements.cancel')}
                  </Button>
                </li>
              )
            })}
        </ul>
      )}
      <Form onSubmit={onSubmit} aria-label={t('governance.movements.form')}>
        <div className="gov-numbers">
          <SelectField
            label={t('governance.movements.delegate')}
            value={delegateId}
            placeholder={t('governance.movements.choose')}
            options={meeting.attendance.map((l) => ({
              value: l.delegateId,
              label: nameOf.get(l.delegateId) ?? '',
            }))}
            onChange={setDelegateId}
            isRequired
          />
          <SelectField
            label={t('governance.movements.kind')}
            value={kind}
            options={KINDS.map((k) => ({ value: k, label: t(`governance.movements.${k}`) }))}
            onChange={(value) => setKind(value as 'arrival' | 'departure')}
          />
          <SelectField
            label={t('governance.movements.beforeItem')}
            value={beforeItem}
            placeholder={t('governance.movements.choose')}
            options={meeting.items.map((i) => ({
              value: String(i.position),
              label: titleOf.get(i.position) ?? '',
            }))}
            onChange={setBeforeItem}
            isRequired
          />
        </div>
        {failure && (
          <p role="alert" className="field__error">
            {errorText(failure)}
          </p>
        )}
        <BusyButton type="submit" variant="secondary" isBusy={record.isPending}>
          {t('governance.movements.save')}
        </BusyButton>
      </Form>
    </Card>
  )
}

import { useState } from 'react'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { Button } from '../../ui/Button.tsx'
import { Card } from '../../ui/Card.tsx'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { SelectField } from '../../ui/SelectField.tsx'
import { type Meeting, useRecordMovement, useRemoveMovement } from './api.ts'

const KINDS = [
  { value: 'arrival', label: 'Arrive' },
  { value: 'departure', label: 'Part' },
] as const

/**
 * Arrivals and departures once the meeting is open: each counts from the item it precedes, so the
 * quorum of every following item is computed again (shown on each item below).
 */
export function MovementsCard({ meeting }: { meeting: Meeting }) {
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
      <h2 id="movements">Arrivées et départs en cours de séance</h2>
      {meeting.movements.length > 0 && (
        <ul className="gov-chips">
          {[...meeting.movements]
            .sort((a, b) => a.beforeItem - b.beforeItem)
            .map((m) => {
              const sentence = `${nameOf.get(m.delegateId)} ${m.kind === 'arrival' ? 'arrive' : 'part'} avant le point ${titleOf.get(m.beforeItem)}`
              return (
                <li key={m.id}>
                  {sentence}{' '}
                  <Button
                    variant="secondary"
                    onPress={() => remove.mutate(m.id)}
                    aria-label={`Annuler : ${sentence}`}
                  >
                    Annuler
                  </Button>
                </li>
              )
            })}
        </ul>
      )}
      <Form onSubmit={onSubmit} aria-label="Noter une arrivée ou un départ">
        <div className="gov-numbers">
          <SelectField
            label="Délégué"
            value={delegateId}
            placeholder="Choisissez"
            options={meeting.attendance.map((l) => ({
              value: l.delegateId,
              label: nameOf.get(l.delegateId) ?? '',
            }))}
            onChange={setDelegateId}
            isRequired
          />
          <SelectField
            label="Mouvement"
            value={kind}
            options={KINDS}
            onChange={(value) => setKind(value as 'arrival' | 'departure')}
          />
          <SelectField
            label="Avant le point"
            value={beforeItem}
            placeholder="Choisissez"
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
          Noter le mouvement
        </BusyButton>
      </Form>
    </Card>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { Button } from '../../ui/Button.tsx'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { type Meeting, type MeetingItem, useRecordVote } from './api.ts'

type Choice = 'pour' | 'contre' | 'abstention' | 'ne_participe_pas'
const CHOICES = [
  { value: 'pour', key: 'pour' },
  { value: 'contre', key: 'contre' },
  { value: 'abstention', key: 'abstention' },
  { value: 'ne_participe_pas', key: 'none' },
] as const satisfies readonly { value: Choice; key: string }[]

/** One voice of the roll-call: a delegate present for the item, or a proxy holder voting for the giver. */
type Voice = { key: string; voterId: string; onBehalfOf: string | null; label: string }
const keyOf = (voterId: string, onBehalfOf: string | null) => `${voterId}>${onBehalfOf ?? ''}`

/**
 * The roll-call: the president calls each delegate present for the item, then each proxy holder a
 * second time for the member they represent; the secretary taps the answer. Large toggles for a tablet
 * or a phone; the tally follows as she taps, and the register computes the result when it is recorded.
 */
export function RollCall({ meeting, item }: { meeting: Meeting; item: MeetingItem }) {
  const { t } = useTranslation()
  const record = useRecordVote(meeting.id)
  const errorText = useErrorText()
  const nameOf = new Map(meeting.attendance.map((l) => [l.delegateId, `${l.civility} ${l.name}`]))
  const voices: Voice[] = [
    ...meeting.attendance
      .filter((l) => item.presentIds.includes(l.delegateId))
      .map((l) => ({
        key: keyOf(l.delegateId, null),
        voterId: l.delegateId,
        onBehalfOf: null,
        label: nameOf.get(l.delegateId) ?? '',
      })),
    ...item.proxies.map((p) => ({
      key: keyOf(p.holderId, p.giverId),
      voterId: p.holderId,
      onBehalfOf: p.giverId,
      label: t('governance.rollCall.onBehalf', {
        holder: nameOf.get(p.holderId),
        giver: nameOf.get(p.giverId),
      }),
    })),
  ]
  const [choices, setChoices] = useState<Record<string, Choice>>(() =>
    Object.fromEntries(
      (item.voteMode === 'roll_call' ? (item.ballots ?? []) : [])
        .filter((b) => b.choice !== 'blanc_nul')
        .map((b) => [keyOf(b.voterId, b.onBehalfOf), b.choice as Choice]),
    ),
  )
  const missing = voices.filter((v) => !choices[v.key]).length
  const count = (choice: Choice) => voices.filter((v) => choices[v.key] === choice).length
  const tally = {
    count: voices.length,
    pour: count('pour'),
    contre: count('contre'),
    abstention: count('abstention'),
    none: count('ne_participe_pas'),
    missing,
  }
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    record.mutate({
      itemId: item.id,
      mode: 'roll_call',
      ballots: voices.flatMap((v) => {
        const choice = choices[v.key]
        return choice ? [{ voterId: v.voterId, onBehalfOf: v.onBehalfOf, choice }] : []
      }),
    })
  }
  return (
    <Form onSubmit={onSubmit} aria-label={t('governance.rollCall.form', { position: item.position })}>
      <ul className="gov-attendance">
        {voices.map((voice) => (
          <li key={voice.key} className="gov-attendance__row">
            <div className="gov-attendance__name">{voice.label}</div>
            <fieldset
              className="gov-toggles gov-toggles--vote gov-fieldset"
              aria-label={t('governance.rollCall.group', { voice: voice.label })}
            >
              {CHOICES.map((choice) => (
                <button
                  key={choice.value}
                  type="button"
                  className="gov-toggle"
                  aria-pressed={choices[voice.key] === choice.value}
                  aria-label={t('governance.rollCall.toggle', {
                    choice: t(`governance.rollCall.${choice.key}`),
                    voice: voice.label,
                  })}
                  onClick={() => setChoices((c) => ({ ...c, [voice.key]: choice.value }))}
                >
                  {t(`governance.rollCall.${choice.key}`)}
                </button>
              ))}
            </fieldset>
          </li>
        ))}
      </ul>
      <p role="status">
        {t(missing ? 'governance.rollCall.tallyMissing' : 'governance.rollCall.tally', tally)}
      </p>
      {record.isError && (
        <p role="alert" className="field__error">
          {errorText(record.error)}
        </p>
      )}
      <div className="gov-actions">
        {missing > 0 && (
          <Button
            variant="secondary"
            onPress={() =>
              setChoices((c) => ({
                ...Object.fromEntries(voices.map((v) => [v.key, 'pour' as Choice])),
                ...c,
              }))
            }
          >
            {t('governance.rollCall.othersFor')}
          </Button>
        )}
        <BusyButton type="submit" variant="primary" isBusy={record.isPending} isDisabled={missing > 0}>
          {t('governance.rollCall.save', { position: item.position })}
        </BusyButton>
      </div>
    </Form>
  )
}

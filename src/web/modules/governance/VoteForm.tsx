import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { RadioGroupField } from '../../ui/ChoiceGroup.tsx'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { TextField } from '../../ui/TextField.tsx'
import { type Meeting, type MeetingItem, useRecordVote } from './api.ts'
import { RollCall } from './RollCall.tsx'

const NUMBERS = [
  { key: 'pour' },
  { key: 'contre' },
  { key: 'abstention' },
  { key: 'blancNul' },
  { key: 'neParticipePas' },
] as const
type Totals = Record<(typeof NUMBERS)[number]['key'], string>
type Mode = MeetingItem['voteMode']

const MODES = [
  { value: 'totals', key: 'totals' },
  { value: 'roll_call', key: 'rollCall' },
  { value: 'secret', key: 'secret' },
] as const

/** The vote of an item, in the mode the meeting chose: totals, each delegate's vote, or a secret ballot. */
export function VoteForm({ meeting, item }: { meeting: Meeting; item: MeetingItem }) {
  const { t } = useTranslation()
  const [mode, setMode] = useState<Mode>(item.voteMode)
  return (
    <div className="gov-item">
      <RadioGroupField
        label={t('governance.vote.modeLabel', { position: item.position })}
        value={mode}
        onChange={(value) => setMode(value as Mode)}
        choices={MODES.map((m) => ({
          value: m.value,
          label: t(`governance.vote.${m.key}`),
          hint: t(`governance.vote.${m.key}Hint`),
        }))}
      />
      {mode === 'roll_call' ? (
        <RollCall meeting={meeting} item={item} />
      ) : (
        <TotalsForm key={mode} meeting={meeting} item={item} mode={mode} />
      )}
    </div>
  )
}

function TotalsForm({ meeting, item, mode }: { meeting: Meeting; item: MeetingItem; mode: Mode }) {
  const { t } = useTranslation()
  const record = useRecordVote(meeting.id)
  const errorText = useErrorText()
  const initial = item.voteMode === mode ? item.vote?.totals : undefined
  const [totals, setTotals] = useState<Totals>({
    pour: String(initial?.pour ?? 0),
    contre: String(initial?.contre ?? 0),
    abstention: String(initial?.abstention ?? 0),
    blancNul: String(initial?.blancNul ?? 0),
    neParticipePas: String(initial?.neParticipePas ?? 0),
  })
  // A show of hands has no blank ballot; a secret ballot has blank or spoilt ones.
  const shown = NUMBERS.filter((n) => mode === 'secret' || n.key !== 'blancNul')
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const numbers = Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, Number(v) || 0])) as Record<
      keyof Totals,
      number
    >
    if (mode !== 'secret') numbers.blancNul = 0
    record.mutate({ itemId: item.id, mode, totals: numbers, typed: item.typed ?? null })
  }
  return (
    <Form onSubmit={onSubmit} aria-label={t('governance.vote.form', { position: item.position })}>
      <div className="gov-numbers">
        {shown.map((n) => (
          <TextField
            key={n.key}
            label={t(`governance.vote.${n.key}`)}
            type="number"
            inputMode="numeric"
            value={totals[n.key]}
            onChange={(value) => setTotals((t) => ({ ...t, [n.key]: value }))}
          />
        ))}
      </div>
      {record.isError && (
        <p role="alert" className="field__error">
          {errorText(record.error)}
        </p>
      )}
      <BusyButton type="submit" variant="primary" isBusy={record.isPending}>
        {t('governance.vote.save', { position: item.position })}
      </BusyButton>
    </Form>
  )
}

import { useState } from 'react'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { Card } from '../../ui/Card.tsx'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { Link } from '../../ui/Link.tsx'
import { TableScroll } from '../../ui/TableScroll.tsx'
import { TextField } from '../../ui/TextField.tsx'
import { type Meeting, type MeetingItem, useRecordVote } from './api.ts'

const NUMBERS = [
  { key: 'pour', label: 'Voix pour' },
  { key: 'contre', label: 'Voix contre' },
  { key: 'abstention', label: 'Abstentions' },
  { key: 'blancNul', label: 'Blancs ou nuls' },
  { key: 'neParticipePas', label: 'Ne prennent pas part' },
] as const
type Totals = Record<(typeof NUMBERS)[number]['key'], string>

/** One item of the agenda: its quorum, the vote as typed, the result as computed, and what differs. */
export function ItemCard({
  meeting,
  item,
  canManage,
}: {
  meeting: Meeting
  item: MeetingItem
  canManage: boolean
}) {
  const headingId = `item-${item.id}`
  return (
    <Card as="article" className="gov-item" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {item.position}. {item.title}
      </h3>
      <p>
        Pour ce point : {item.present} présent{item.present > 1 ? 's' : ''}, {item.represented} représenté
        {item.represented > 1 ? 's' : ''} ; quorum {item.quorum.met ? 'atteint' : 'non atteint'} (
        {item.quorum.counted} sur {item.quorum.required} requis
        {item.quorum.waivedBySecondConvocation ? ', seconde convocation' : ''}).
      </p>
      {item.vote && (
        <p>
          <strong>{item.vote.wording}</strong> — suffrages exprimés : {item.vote.exprimes}, majorité absolue :{' '}
          {item.vote.absoluteMajority}.
        </p>
      )}
      {item.voteError && <p className="field__error">{item.voteError}</p>}
      {item.flags.length > 0 && (
        <TableScroll caption="Écarts entre le registre saisi et le calcul de Préau">
          <thead>
            <tr>
              <th scope="col">Saisi</th>
              <th scope="col">Calculé</th>
              <th scope="col">Explication</th>
            </tr>
          </thead>
          <tbody>
            {item.flags.map((flag) => (
              <tr key={flag.field}>
                <td>{flag.typed || '—'}</td>
                <td>{flag.computed}</td>
                <td>{flag.message}</td>
              </tr>
            ))}
          </tbody>
        </TableScroll>
      )}
      {canManage && !item.deliberation?.publishedAt && <VoteForm meeting={meeting} item={item} />}
      <div className="gov-actions">
        {item.deliberation ? (
          <>
            <Link href={`/syndicat/comite/deliberations/${item.deliberation.id}`}>
              Délibération {item.deliberation.number}
            </Link>
            <a href={`/api/governance/deliberations/${item.deliberation.id}/extrait.pdf`} download>
              Télécharger l’extrait {item.deliberation.number} (PDF)
            </a>
          </>
        ) : (
          canManage &&
          item.vote && (
            <Link href={`/syndicat/comite/seances/${meeting.id}/points/${item.id}/deliberation`}>
              Rédiger la délibération
            </Link>
          )
        )}
      </div>
    </Card>
  )
}

function VoteForm({ meeting, item }: { meeting: Meeting; item: MeetingItem }) {
  const record = useRecordVote(meeting.id)
  const errorText = useErrorText()
  const initial = item.vote?.totals
  const [totals, setTotals] = useState<Totals>({
    pour: String(initial?.pour ?? 0),
    contre: String(initial?.contre ?? 0),
    abstention: String(initial?.abstention ?? 0),
    blancNul: String(initial?.blancNul ?? 0),
    neParticipePas: String(initial?.neParticipePas ?? 0),
  })
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const numbers = Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, Number(v) || 0])) as Record<
      keyof Totals,
      number
    >
    record.mutate({ itemId: item.id, mode: item.voteMode, totals: numbers, typed: item.typed ?? null })
  }
  return (
    <Form onSubmit={onSubmit} aria-label={`Vote du point ${item.position}`}>
      <div className="gov-numbers">
        {NUMBERS.map((n) => (
          <TextField
            key={n.key}
            label={n.label}
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
        Enregistrer le vote du point {item.position}
      </BusyButton>
    </Form>
  )
}

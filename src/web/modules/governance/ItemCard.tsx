import { Alert } from '../../ui/Alert.tsx'
import { Card } from '../../ui/Card.tsx'
import { Link } from '../../ui/Link.tsx'
import { TableScroll } from '../../ui/TableScroll.tsx'
import type { Meeting, MeetingItem } from './api.ts'
import { ItemWithdrawals } from './ItemWithdrawals.tsx'
import { VoteForm } from './VoteForm.tsx'

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
      {canManage && !item.deliberation?.publishedAt && <ItemWithdrawals meeting={meeting} item={item} />}
      {canManage && !item.deliberation?.publishedAt && <VoteForm meeting={meeting} item={item} />}
      {item.deliberation && !item.deliberation.publishedAt && !item.quorum.met && (
        <Alert tone="error" title="Publication impossible">
          <p>
            Le quorum n’était pas atteint pour ce point ({item.quorum.counted} sur {item.quorum.required}{' '}
            requis) : sa délibération ne peut pas être publiée. Une seconde convocation délibère sans
            condition de quorum.
          </p>
        </Alert>
      )}
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

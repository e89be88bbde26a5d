import { useTranslation } from 'react-i18next'
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
  const { t } = useTranslation()
  const headingId = `item-${item.id}`
  return (
    <Card as="article" className="gov-item" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {item.position}. {item.title}
      </h3>
      <p>
        {t('governance.item.summary', {
          present: t('governance.item.present', { count: item.present }),
          represented: t('governance.item.represented', { count: item.represented }),
          state: t(item.quorum.met ? 'governance.item.quorumMet' : 'governance.item.quorumNotMet'),
          counted: item.quorum.counted,
          required: item.quorum.required,
          second: item.quorum.waivedBySecondConvocation ? t('governance.item.secondConvocation') : '',
        })}
      </p>
      {item.vote && (
        <p>
          <strong>{item.vote.wording}</strong> —{' '}
          {t('governance.item.result', {
            exprimes: item.vote.exprimes,
            majority: item.vote.absoluteMajority,
          })}
        </p>
      )}
      {item.voteError && <p className="field__error">{item.voteError}</p>}
      {item.flags.length > 0 && (
        <TableScroll caption={t('governance.item.flagsCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('governance.item.typed')}</th>
              <th scope="col">{t('governance.item.computed')}</th>
              <th scope="col">{t('governance.item.explanation')}</th>
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
        <Alert tone="error" title={t('governance.item.blockedTitle')}>
          <p>
            {t('governance.item.blocked', { counted: item.quorum.counted, required: item.quorum.required })}
          </p>
        </Alert>
      )}
      <div className="gov-actions">
        {item.deliberation ? (
          <>
            <Link href={`/syndicat/comite/deliberations/${item.deliberation.id}`}>
              {t('governance.item.deliberation', { number: item.deliberation.number })}
            </Link>
            <a href={`/api/governance/deliberations/${item.deliberation.id}/extrait.pdf`} download>
              {t('governance.item.extract', { number: item.deliberation.number })}
            </a>
          </>
        ) : (
          canManage &&
          item.vote && (
            <Link href={`/syndicat/comite/seances/${meeting.id}/points/${item.id}/deliberation`}>
              {t('governance.item.write')}
            </Link>
          )
        )}
      </div>
    </Card>
  )
}

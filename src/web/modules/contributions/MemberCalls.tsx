import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { useDay } from '../members/use-day.ts'
import { memberNoticeUrl, useMemberCalls } from './api.ts'
import { PartText } from './LinesTable.tsx'
import { formatCents } from './money.ts'
import './contributions.css'

const F = 'backOffice.finances' as const

/**
 * A member's contribution, year by year, as its collectivity reads it: the amount, how it is made up,
 * the counts it was computed on, and the notice to download. Nothing of the other members.
 */
export function MemberCalls({ memberId }: { memberId: string }) {
  const { t } = useTranslation()
  const day = useDay()
  const calls = useMemberCalls(memberId)
  return (
    <section aria-labelledby="member-calls-title">
      <h2 id="member-calls-title">{t(`${F}.memberCallsTitle`)}</h2>
      {calls.isPending ? (
        <LoadingState />
      ) : calls.isError ? (
        <ErrorMessage error={calls.error} onRetry={() => calls.refetch()} />
      ) : calls.data.length === 0 ? (
        <p className="empty-state">{t(`${F}.noMemberCall`)}</p>
      ) : (
        <ul className="card-list">
          {calls.data.map(({ rule, lines: [line] }) =>
            line ? (
              <li key={rule.id} className="item-card card member-call">
                <h3>{t(`${F}.memberCallOf`, { year: rule.year, amount: formatCents(line.amountCents) })}</h3>
                <p>
                  {rule.deliberation &&
                    t(`${F}.memberCallDeliberation`, {
                      reference: rule.deliberation.reference,
                      date: day(rule.deliberation.date),
                      referenceOn: day(rule.referenceOn),
                    })}
                </p>
                <p>
                  {t(`${F}.countsLine`, {
                    schools: line.counts.schools,
                    classes: line.counts.classes,
                    pupils: line.counts.pupilAccounts,
                    population: line.counts.population.toLocaleString('fr-FR'),
                    populationYear: line.counts.populationYear,
                  })}
                </p>
                <ul className="breakdown">
                  {line.breakdown.map((item) => (
                    <PartText key={item.part} item={item} line={line} />
                  ))}
                </ul>
                <a className="link" href={memberNoticeUrl(memberId, rule.id)} download>
                  {t(`${F}.memberNotice`, { year: rule.year })}
                </a>
              </li>
            ) : null,
          )}
        </ul>
      )}
    </section>
  )
}

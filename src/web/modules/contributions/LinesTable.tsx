import { useTranslation } from 'react-i18next'
import { TableScroll } from '../../ui/TableScroll.tsx'
import { type LineJson, type LinesJson, noticeUrl } from './api.ts'
import { formatCents } from './money.ts'

const F = 'backOffice.finances' as const

export function PartText({ item, line }: { item: LineJson['breakdown'][number]; line: LineJson }) {
  const { t } = useTranslation()
  const label = t(`${F}.parts.${item.part}`)
  const detail =
    item.part === 'proRata'
      ? t(`${F}.proRataDays`, { days: line.days, daysInYear: line.daysInYear })
      : item.units !== null && item.rateCents !== null
        ? `${item.units.toLocaleString('fr-FR')} × ${formatCents(item.rateCents)}`
        : null
  return (
    <li>
      {label}
      {detail ? ` (${detail})` : ''} : {formatCents(item.cents)}
    </li>
  )
}

/**
 * Each member's amount beside last year's, with the breakdown that explains it and, for an adopted
 * and computed year, its notice to download.
 */
export function LinesTable({
  data,
  caption,
  noticesOf,
}: {
  data: LinesJson
  caption: string
  noticesOf?: string
}) {
  const { t } = useTranslation()
  const year = data.rule.year
  return (
    <TableScroll caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t(`${F}.member`)}</th>
          <th scope="col" className="table__number">
            {t(`${F}.amountOf`, { year: data.previousYear })}
          </th>
          <th scope="col" className="table__number">
            {t(`${F}.amountOf`, { year })}
          </th>
          <th scope="col" className="table__number">
            {t(`${F}.difference`)}
          </th>
          <th scope="col">{t(`${F}.breakdown`)}</th>
          {noticesOf && <th scope="col">{t(`${F}.notice`)}</th>}
        </tr>
      </thead>
      <tbody>
        {data.lines.map((line) => {
          const difference = line.previousCents === null ? null : line.amountCents - line.previousCents
          return (
            <tr key={line.memberId}>
              <th scope="row">{line.name}</th>
              <td className="table__number">{formatCents(line.previousCents)}</td>
              <td className="table__number">{formatCents(line.amountCents)}</td>
              <td
                className={`table__number ${difference && difference > 0 ? 'difference--up' : difference ? 'difference--down' : ''}`}
              >
                {difference === null ? '—' : `${difference > 0 ? '+' : ''}${formatCents(difference)}`}
              </td>
              <td>
                <details>
                  <summary>{t(`${F}.seeBreakdown`, { name: line.name })}</summary>
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
                </details>
              </td>
              {noticesOf && (
                <td>
                  <a className="link" href={noticeUrl(noticesOf, line.memberId)} download>
                    {t(`${F}.noticeOf`, { name: line.name })}
                  </a>
                </td>
              )}
            </tr>
          )
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t(`${F}.total`)}</th>
          <td className="table__number">{formatCents(data.previousTotalCents)}</td>
          <td className="table__number">{formatCents(data.totalCents)}</td>
          <td />
          <td />
          {noticesOf && <td />}
        </tr>
      </tfoot>
    </TableScroll>
  )
}

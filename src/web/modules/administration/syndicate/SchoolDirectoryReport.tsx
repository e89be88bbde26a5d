import { useTranslation } from 'react-i18next'
import type {
  SchoolDirectoryChange,
  SchoolDirectoryCounts,
  SchoolDirectoryEntry,
  SchoolDirectoryReport,
} from '../../../../contract/school-directory.ts'
import { TableScroll } from '../../../ui/TableScroll.tsx'

const K = 'administration.syndicate.schoolDirectory' as const

/**
 * The report of an import, simulated or applied: the counts per category, then the schools created,
 * updated and unchanged, and the anomalies, each with its line in the file.
 */
export function SchoolDirectoryReportTables({ report }: { report: SchoolDirectoryReport }) {
  const { t, i18n } = useTranslation()
  const number = new Intl.NumberFormat(i18n.language)
  const tense = report.applied ? 'done' : 'planned'
  const rows: { key: keyof SchoolDirectoryCounts; label: string }[] = [
    { key: 'created', label: t(`${K}.counts.created.${tense}`) },
    { key: 'updated', label: t(`${K}.counts.updated.${tense}`) },
    { key: 'unchanged', label: t(`${K}.counts.unchanged`) },
    { key: 'ignoredOtherCommunes', label: t(`${K}.counts.ignoredOtherCommunes`) },
    { key: 'ignoredNotPrimary', label: t(`${K}.counts.ignoredNotPrimary`) },
    { key: 'ignoredClosed', label: t(`${K}.counts.ignoredClosed`) },
    { key: 'ignoredPrivate', label: t(`${K}.counts.ignoredPrivate`) },
    { key: 'anomalies', label: t(`${K}.counts.anomalies`) },
  ]
  const omitted = report.counts.anomalies - report.anomalies.length

  return (
    <div className="directory-report">
      <p className="directory-report__file">
        {t(`${K}.fileRead`, { file: report.file.name, count: report.counts.read })}
      </p>
      <TableScroll caption={t(`${K}.summaryCaption`)}>
        <thead>
          <tr>
            <th scope="col">{t(`${K}.columns.category`)}</th>
            <th scope="col" className="directory-report__count">
              {t(`${K}.columns.count`)}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="directory-report__count">{number.format(report.counts[row.key])}</td>
            </tr>
          ))}
        </tbody>
      </TableScroll>

      {report.created.length > 0 && (
        <SchoolTable caption={t(`${K}.tables.created.${tense}`)} entries={report.created} />
      )}
      {report.updated.length > 0 && (
        <SchoolTable caption={t(`${K}.tables.updated.${tense}`)} entries={report.updated} withChanges />
      )}
      {report.anomalies.length > 0 && (
        <TableScroll caption={t(`${K}.tables.anomalies`, { count: report.counts.anomalies })}>
          <thead>
            <tr>
              <th scope="col">{t(`${K}.columns.line`)}</th>
              <th scope="col">{t(`${K}.columns.anomaly`)}</th>
            </tr>
          </thead>
          <tbody>
            {report.anomalies.map((anomaly, index) => (
              // One line may carry several anomalies of the same code: the position is the key.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is never reordered.
              <tr key={index}>
                <th scope="row" className="table__nowrap">
                  {t(`${K}.lineNumber`, { line: anomaly.line })}
                  {anomaly.uai && <span className="table__sub">{anomaly.uai}</span>}
                </th>
                <td>{sentence(anomaly.message)}</td>
              </tr>
            ))}
          </tbody>
        </TableScroll>
      )}
      {omitted > 0 && <p className="table-footer">{t(`${K}.moreAnomalies`, { count: omitted })}</p>}
      {report.unchanged.length > 0 && (
        <details className="directory-report__more">
          <summary>{t(`${K}.tables.unchanged`, { count: report.unchanged.length })}</summary>
          <SchoolTable
            caption={t(`${K}.tables.unchanged`, { count: report.unchanged.length })}
            entries={report.unchanged}
            hiddenCaption
          />
        </details>
      )}
    </div>
  )
}

/** Messages are written to follow « fichier, ligne N : »; alone in their cell, they start a sentence. */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1)
}

function SchoolTable({
  caption,
  entries,
  withChanges = false,
  hiddenCaption = false,
}: {
  caption: string
  entries: SchoolDirectoryEntry[]
  withChanges?: boolean
  hiddenCaption?: boolean
}) {
  const { t } = useTranslation()
  return (
    <TableScroll caption={caption} isCaptionVisible={!hiddenCaption}>
      <thead>
        <tr>
          <th scope="col">{t(`${K}.columns.line`)}</th>
          <th scope="col">{t(`${K}.columns.school`)}</th>
          <th scope="col">{t(`${K}.columns.commune`)}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.uai}>
            <td className="table__nowrap">{t(`${K}.lineNumber`, { line: entry.line })}</td>
            <th scope="row">
              {entry.name}
              <span className="table__sub">
                {t(`schoolKinds.${entry.kind}`)} · {t(`${K}.uaiValue`, { uai: entry.uai })}
              </span>
              {withChanges && (
                <ul className="directory-report__changes">
                  {entry.changes.map((change) => (
                    <li key={change.field}>
                      <ChangeSentence change={change} />
                    </li>
                  ))}
                </ul>
              )}
            </th>
            <td>
              {entry.communeName ?? entry.inseeCode}
              {entry.communeName && <span className="table__sub">{entry.inseeCode}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </TableScroll>
  )
}

function ChangeSentence({ change }: { change: SchoolDirectoryChange }) {
  const { t } = useTranslation()
  const said = (value: string | null) =>
    value === null
      ? t(`${K}.empty`)
      : change.field === 'kind'
        ? t(`schoolKinds.${value as SchoolDirectoryEntry['kind']}`)
        : value
  return (
    <>
      {t(`${K}.change`, {
        field: t(`${K}.fields.${change.field}`),
        from: said(change.from),
        to: said(change.to),
      })}
    </>
  )
}

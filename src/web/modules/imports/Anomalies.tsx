import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { SelectField } from '../../ui/SelectField.tsx'
import { TableScroll } from '../../ui/TableScroll.tsx'
import { type ImportAnomalyRow, type ImportReport, useImportAnomalies } from './api.ts'
import { useNumber } from './format.ts'
import { anomalyLabel } from './labels.ts'

const K = 'imports.anomalies' as const

/**
 * The anomalies of a run, each with its file and line, filtered by problem and by file, a page at a
 * time (« Afficher plus » asks for the ones after the last shown).
 */
export function Anomalies({ schoolId, report }: { schoolId: string; report: ImportReport }) {
  const { t } = useTranslation()
  const number = useNumber()
  const headingId = useId()
  const [code, setCode] = useState('')
  const [file, setFile] = useState('')
  const anomalies = useImportAnomalies(schoolId, report.id, {
    code: code || undefined,
    file: file || undefined,
  })
  const items = anomalies.data?.pages.flatMap((page) => page.items) ?? []
  // The total is known for the whole run and for one problem, not for one file.
  const total = file ? null : code ? (report.anomalyCodes[code] ?? 0) : report.anomalies
  const codes = Object.entries(report.anomalyCodes).sort(([, a], [, b]) => b - a)
  const files = [...new Set(report.files.map((f) => f.name))]

  return (
    <section className="import-section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t(`${K}.title`)} <span className="import-count-badge">{number(report.anomalies)}</span>
      </h2>
      {report.anomalies === 0 ? (
        <p>{t(`${K}.none`)}</p>
      ) : (
        <>
          <p>{t(`${K}.intro`)}</p>
          <search className="filters" aria-label={t(`${K}.filters`)}>
            <SelectField
              label={t(`${K}.code`)}
              value={code}
              onChange={setCode}
              placeholder={t(`${K}.allCodes`, { count: report.anomalies })}
              options={codes.map(([value, count]) => ({
                value,
                label: t(`${K}.codeOption`, { label: anomalyLabel(t, value), count: number(count) }),
              }))}
            />
            {files.length > 1 && (
              <SelectField
                label={t(`${K}.file`)}
                value={file}
                onChange={setFile}
                placeholder={t(`${K}.allFiles`)}
                options={files.map((name) => ({ value: name, label: name }))}
              />
            )}
          </search>
          {anomalies.isPending ? (
            <LoadingState />
          ) : anomalies.isError ? (
            <ErrorMessage error={anomalies.error} onRetry={() => anomalies.refetch()} />
          ) : items.length === 0 ? (
            <p className="empty-state">{t(`${K}.noMatch`)}</p>
          ) : (
            <>
              {/* A table where there is room for its columns; on a phone, one card per anomaly. */}
              <div className="import-wide">
                <TableScroll caption={t(`${K}.caption`)} isCaptionVisible={false}>
                  <thead>
                    <tr>
                      <th scope="col">{t(`${K}.fileColumn`)}</th>
                      <th scope="col" className="import-count">
                        {t(`${K}.line`)}
                      </th>
                      <th scope="col">{t(`${K}.problem`)}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((anomaly) => (
                      <tr key={anomaly.id}>
                        <td className="import-file-name">{anomaly.file}</td>
                        <td className="import-count">{number(anomaly.line)}</td>
                        <td className="table__wide">
                          <AnomalyText anomaly={anomaly} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </TableScroll>
              </div>
              <ol className="import-narrow import-anomaly-cards" aria-label={t(`${K}.caption`)}>
                {items.map((anomaly) => (
                  <li key={anomaly.id} className="import-anomaly-card">
                    <p className="import-anomaly-card__where">
                      {t(`${K}.where`, { line: number(anomaly.line), file: anomaly.file })}
                    </p>
                    <AnomalyText anomaly={anomaly} />
                  </li>
                ))}
              </ol>
              <p className="table-footer" aria-live="polite">
                {total === null
                  ? t(`${K}.shown`, { count: items.length })
                  : t(`${K}.shownOf`, { count: items.length, total: number(total) })}
              </p>
              {anomalies.hasNextPage && (
                <BusyButton
                  variant="secondary"
                  onPress={() => anomalies.fetchNextPage()}
                  isBusy={anomalies.isFetchingNextPage}
                >
                  {anomalies.isFetchingNextPage ? t('common.loading') : t(`${K}.showMore`)}
                </BusyButton>
              )}
            </>
          )}
        </>
      )}
    </section>
  )
}

/** What is wrong (in bold), the server's sentence, then what became of the line. */
function AnomalyText({ anomaly }: { anomaly: ImportAnomalyRow }) {
  const { t } = useTranslation()
  return (
    <>
      <span className="import-anomaly__code">{anomalyLabel(t, anomaly.code)}</span>
      <span className="import-anomaly__message">{anomaly.message}</span>
      <span className={`import-anomaly__outcome import-anomaly__outcome--${anomaly.outcome}`}>
        {t(`${K}.outcomes.${anomaly.outcome}`)}
      </span>
    </>
  )
}

import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { type ImportReport, useImportAnomalies } from './api.ts'

const K = 'imports.across' as const
const CODES = ['same-person', 'possible-duplicate-account'] as const

/**
 * Guardians and teachers the deployment already knows in another school: « Même personne » (their
 * account joins this school, none is created) and « Doublon possible » (names only: a new account, an
 * administrator merges the two if they are one person). Shown apart from the other anomalies: they are
 * not errors in the files, they are what the import will do with people.
 */
export function AcrossSchools({ schoolId, report }: { schoolId: string; report: ImportReport }) {
  const { t } = useTranslation()
  const headingId = useId()
  const total = CODES.reduce((sum, code) => sum + (report.anomalyCodes[code] ?? 0), 0)
  if (total === 0) return null
  return (
    <section className="import-section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t(`${K}.acrossTitle`)} <span className="import-count-badge">{total}</span>
      </h2>
      <p>{t(`${K}.acrossIntro`)}</p>
      {CODES.filter((code) => (report.anomalyCodes[code] ?? 0) > 0).map((code) => (
        <AcrossList key={code} schoolId={schoolId} report={report} code={code} />
      ))}
    </section>
  )
}

function AcrossList({
  schoolId,
  report,
  code,
}: {
  schoolId: string
  report: ImportReport
  code: (typeof CODES)[number]
}) {
  const { t } = useTranslation()
  const anomalies = useImportAnomalies(schoolId, report.id, { code })
  if (anomalies.isError) return <ErrorMessage error={anomalies.error} onRetry={() => anomalies.refetch()} />
  const items = anomalies.data?.pages[0]?.items ?? []
  const label = t(code === 'same-person' ? `${K}.samePerson` : `${K}.possibleDuplicate`)
  const more = (report.anomalyCodes[code] ?? 0) - items.length
  return (
    <>
      <h3 className="import-across__title">
        {label} <span className="import-count-badge">{report.anomalyCodes[code]}</span>
      </h3>
      <ul className="import-across">
        {items.map((item) => (
          <li
            key={`${item.file}:${item.line}`}
            className={`card import-across__item import-across__item--${code}`}
          >
            <span className="tag">{label}</span>
            <p>{item.message}</p>
            <p className="field__description">
              « {item.file} », {t(`${K}.line`, { line: item.line })}
            </p>
          </li>
        ))}
      </ul>
      {more > 0 && items.length > 0 && <p>{t(`${K}.more`, { count: more })}</p>}
    </>
  )
}

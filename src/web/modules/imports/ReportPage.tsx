import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation, useParams } from 'react-router'
import { Alert } from '../../ui/Alert.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { CheckCircleIcon, InfoIcon } from '../../ui/icons/ui-icons.tsx'
import { Link } from '../../ui/Link.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { useNotice } from '../administration/components/FormParts.tsx'
import { SchoolAdminPage } from '../administration/school/SchoolAdminPage.tsx'
import { AccountDuplicates } from './AccountDuplicates.tsx'
import { AcrossSchools } from './AcrossSchools.tsx'
import { Anomalies } from './Anomalies.tsx'
import { ApplyImport } from './ApplyImport.tsx'
import { type AppliedImport, type ImportReport, importKeys, useImportReport } from './api.ts'
import { ConnectionSheetLinks } from './ConnectionSheetLinks.tsx'
import { Duplicates } from './Duplicates.tsx'
import { useDateTime, useNumber } from './format.ts'
import { importsPath } from './paths.ts'
import { ImportedFiles, ReportSummary } from './ReportSummary.tsx'
import './imports.css'

const K = 'imports.report' as const

/**
 * One import: while it is a dry run, its report (nothing has changed yet), the possible duplicates to
 * decide, the anomalies and « Appliquer l’import »; once applied, what it did and the connection sheets
 * to print; once discarded, that nothing changed.
 */
export function ReportPage() {
  const { t } = useTranslation()
  const { schoolId = '', runId = '' } = useParams()
  return (
    <SchoolAdminPage
      title={t(`${K}.title`)}
      crumbs={[{ href: importsPath(schoolId), label: t('imports.title') }]}
    >
      {() => <Report schoolId={schoolId} runId={runId} />}
    </SchoolAdminPage>
  )
}

function Report({ schoolId, runId }: { schoolId: string; runId: string }) {
  const location = useLocation()
  const report = useImportReport(schoolId, runId)
  const { notice, say } = useNotice()
  // What the apply answered: how many accounts it opened, and that the result must take the focus.
  const [applied, setApplied] = useState<AppliedImport | null>(null)
  const queryClient = useQueryClient()
  const onApplied = (result: AppliedImport) => {
    setApplied(result)
    queryClient.setQueryData(importKeys.report(schoolId, runId), result)
  }
  const fromUpload = (location.state as { fromUpload?: boolean } | null)?.fromUpload === true

  if (report.isPending) return <LoadingState />
  if (report.isError) return <ErrorMessage error={report.error} onRetry={() => report.refetch()} />
  const data = report.data
  return (
    <>
      {notice}
      {data.status === 'staged' && (
        <DryRun schoolId={schoolId} report={data} takesFocus={fromUpload} say={say} onApplied={onApplied} />
      )}
      {data.status === 'applied' && (
        <Applied schoolId={schoolId} report={data} result={applied} takesFocus={applied !== null} />
      )}
      {data.status === 'discarded' && <Discarded schoolId={schoolId} />}
      {data.status === 'lost' && <Lost schoolId={schoolId} />}
    </>
  )
}

/** A heading that takes the focus when it appears after an action (upload, apply). */
function useFocusOnMount(takesFocus: boolean) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (takesFocus) ref.current?.focus()
  }, [takesFocus])
  return ref
}

function DryRun({
  schoolId,
  report,
  takesFocus,
  say,
  onApplied,
}: {
  schoolId: string
  report: ImportReport
  takesFocus: boolean
  say: (notice: string) => void
  onApplied: (result: AppliedImport) => void
}) {
  const { t } = useTranslation()
  const formatDate = useDateTime()
  const headingRef = useFocusOnMount(takesFocus)
  const headingId = useId()
  return (
    <>
      <section className="import-banner" aria-labelledby={headingId}>
        <InfoIcon className="import-banner__icon" />
        <div>
          <h2 id={headingId} ref={headingRef} tabIndex={-1}>
            {t(`${K}.dryRunTitle`)}
          </h2>
          <p>{t(`${K}.dryRunText`, { date: formatDate(report.createdAt) })}</p>
        </div>
      </section>
      {report.blocking.length > 0 && <Blocking report={report} />}
      <ReportSummary report={report} isDone={false} />
      <ImportedFiles report={report} />
      {report.duplicates.length > 0 && <Duplicates schoolId={schoolId} report={report} say={say} />}
      {(report.anomalyCodes['possible-duplicate-account'] ?? 0) + (report.anomalyCodes['same-person'] ?? 0) >
        0 && <AccountDuplicates schoolId={schoolId} report={report} say={say} />}
      <AcrossSchools schoolId={schoolId} report={report} />
      <Anomalies schoolId={schoolId} report={report} />
      <ApplyImport schoolId={schoolId} report={report} onApplied={onApplied} />
    </>
  )
}

function Blocking({ report }: { report: ImportReport }) {
  const { t } = useTranslation()
  return (
    <Alert tone="error" title={t(`${K}.blockingTitle`)} className="import-blocking">
      <p>{t(`${K}.blockingText`)}</p>
      <ul className="bullet-list">
        {report.blocking.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </Alert>
  )
}

function Applied({
  schoolId,
  report,
  result,
  takesFocus,
}: {
  schoolId: string
  report: ImportReport
  result: AppliedImport | null
  takesFocus: boolean
}) {
  const { t } = useTranslation()
  const formatDate = useDateTime()
  const number = useNumber()
  const headingRef = useFocusOnMount(takesFocus)
  const headingId = useId()
  return (
    <>
      <section className="import-banner import-banner--done" aria-labelledby={headingId}>
        <CheckCircleIcon className="import-banner__icon" />
        <div>
          <h2 id={headingId} ref={headingRef} tabIndex={-1}>
            {t(`${K}.appliedTitle`)}
          </h2>
          <p>{t(`${K}.appliedText`, { date: formatDate(report.appliedAt ?? report.createdAt) })}</p>
          {result && (
            <p>{t(`${K}.newAccounts`, { count: result.newAccounts, n: number(result.newAccounts) })}</p>
          )}
        </div>
      </section>
      <ConnectionSheetLinks schoolId={schoolId} />
      <ReportSummary report={report} isDone />
      <ImportedFiles report={report} />
      {report.duplicates.length > 0 && <Duplicates schoolId={schoolId} report={report} say={() => {}} />}
      <AcrossSchools schoolId={schoolId} report={report} />
      <Anomalies schoolId={schoolId} report={report} />
    </>
  )
}

/** The staged rows of the files were lost (database crash) before the run was applied. */
function Lost({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation()
  return (
    <Alert tone="error" title={t(`${K}.lostTitle`)}>
      <p>{t(`${K}.lostText`)}</p>
      <p>
        <Link href={importsPath(schoolId)}>{t(`${K}.backToImports`)}</Link>
      </p>
    </Alert>
  )
}

function Discarded({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation()
  return (
    <Alert tone="info" title={t(`${K}.discardedTitle`)}>
      <p>{t(`${K}.discardedText`)}</p>
      <p>
        <Link href={importsPath(schoolId)}>{t(`${K}.backToImports`)}</Link>
      </p>
    </Alert>
  )
}

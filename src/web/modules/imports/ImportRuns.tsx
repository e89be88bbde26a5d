import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { ConfirmButton } from '../../ui/ConfirmButton.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { Link } from '../../ui/Link.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { TableScroll } from '../../ui/TableScroll.tsx'
import { type ImportRunRow, useDiscardImport, useImportRuns } from './api.ts'
import { useDateTime } from './format.ts'
import { reportPath } from './paths.ts'
import { StatusTag } from './StatusTag.tsx'

const K = 'imports.runs' as const

/** The school's latest imports: when, which files, by whom, their state, the report, « Abandonner ». */
export function ImportRuns({ schoolId, say }: { schoolId: string; say: (notice: string) => void }) {
  const { t } = useTranslation()
  const runs = useImportRuns(schoolId)
  const discard = useDiscardImport(schoolId)
  const formatDate = useDateTime()
  const headingId = useId()

  const body = () => {
    if (runs.isPending) return <LoadingState />
    if (runs.isError) return <ErrorMessage error={runs.error} onRetry={() => runs.refetch()} />
    if (runs.data.items.length === 0) return <p className="empty-state">{t(`${K}.empty`)}</p>
    return (
      <TableScroll caption={t(`${K}.caption`)} isCaptionVisible={false}>
        <thead>
          <tr>
            <th scope="col">{t(`${K}.date`)}</th>
            <th scope="col">{t(`${K}.files`)}</th>
            <th scope="col">{t(`${K}.by`)}</th>
            <th scope="col">{t(`${K}.status`)}</th>
            <th scope="col">{t(`${K}.actions`)}</th>
          </tr>
        </thead>
        <tbody>
          {runs.data.items.map((run) => (
            <RunRow
              key={run.id}
              schoolId={schoolId}
              run={run}
              date={formatDate(run.createdAt)}
              onDiscard={async () => {
                await discard.mutateAsync(run.id)
                say(t(`${K}.discarded`, { date: formatDate(run.createdAt) }))
              }}
            />
          ))}
        </tbody>
      </TableScroll>
    )
  }

  return (
    <section className="import-runs" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(`${K}.title`)}</h2>
      {body()}
    </section>
  )
}

function RunRow({
  schoolId,
  run,
  date,
  onDiscard,
}: {
  schoolId: string
  run: ImportRunRow
  date: string
  onDiscard: () => Promise<void>
}) {
  const { t } = useTranslation()
  return (
    <tr>
      <td className="table__nowrap">
        <time dateTime={run.createdAt}>{date}</time>
      </td>
      <td>
        <ul className="import-runs__files">
          {run.files.map((file) => (
            <li key={file}>{file}</li>
          ))}
        </ul>
      </td>
      <td>{run.createdBy ?? t(`${K}.unknownAuthor`)}</td>
      <td>
        <StatusTag status={run.status} />
      </td>
      <td>
        <div className="stacked-actions">
          <Link href={reportPath(schoolId, run.id)} aria-label={t(`${K}.openLabel`, { date })}>
            {t(`${K}.open`)}
          </Link>
          {run.status === 'staged' && (
            <ConfirmButton
              aria-label={t(`${K}.discardLabel`, { date })}
              title={t(`${K}.discardTitle`)}
              message={<p>{t(`${K}.discardMessage`)}</p>}
              confirmLabel={t(`${K}.discardConfirm`)}
              onConfirm={onDiscard}
            >
              {t(`${K}.discard`)}
            </ConfirmButton>
          )}
        </div>
      </td>
    </tr>
  )
}

import { useTranslation } from 'react-i18next'
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx'
import { ErrorMessage } from '../../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { TableScroll } from '../../../ui/TableScroll.tsx'
import { type PersonMerge, useRecentMerges, useUndoMerge } from './person-merge-api.ts'

const K = 'administration.syndicate.merge' as const

/** The latest merges, newest first: who was merged into whom, when, by whom, and undo while it may be. */
export function RecentMerges({ say }: { say: (notice: string) => void }) {
  const { t } = useTranslation()
  const merges = useRecentMerges()
  return (
    <section aria-labelledby="merge-recent">
      <h2 id="merge-recent" className="list-title">
        {t(`${K}.recentTitle`)}
      </h2>
      {merges.isPending ? (
        <LoadingState />
      ) : merges.isError ? (
        <ErrorMessage error={merges.error} onRetry={() => merges.refetch()} />
      ) : merges.data.items.length === 0 ? (
        <p className="empty-state">{t(`${K}.noMerges`)}</p>
      ) : (
        <TableScroll caption={t(`${K}.recentCaption`)} isCaptionVisible={false}>
          <thead>
            <tr>
              <th scope="col">{t(`${K}.colKept`)}</th>
              <th scope="col">{t(`${K}.colMerged`)}</th>
              <th scope="col">{t(`${K}.colWhen`)}</th>
              <th scope="col">{t(`${K}.colState`)}</th>
              <th scope="col">{t(`${K}.colAction`)}</th>
            </tr>
          </thead>
          <tbody>
            {merges.data.items.map((merge) => (
              <MergeRow key={merge.id} merge={merge} say={say} />
            ))}
          </tbody>
        </TableScroll>
      )}
    </section>
  )
}

function MergeRow({ merge, say }: { merge: PersonMerge; say: (notice: string) => void }) {
  const { t, i18n } = useTranslation()
  const undo = useUndoMerge()
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' })
  const day = (iso: string) => date.format(new Date(iso))
  const names = { merged: merge.merged.login, kept: merge.kept.login }
  return (
    <tr>
      <th scope="row">
        {merge.kept.displayName}
        <span className="table__sub">{merge.kept.login}</span>
      </th>
      <td>
        {merge.merged.displayName}
        <span className="table__sub">{merge.merged.login}</span>
      </td>
      <td className="table__nowrap">
        {day(merge.mergedAt)}
        {merge.mergedBy && <span className="table__sub">{t(`${K}.by`, { name: merge.mergedBy })}</span>}
      </td>
      <td>
        {merge.undoneAt
          ? t(`${K}.undone`, { date: day(merge.undoneAt) })
          : merge.canUndo
            ? t(`${K}.undoUntil`, { date: day(merge.undoUntil) })
            : t(`${K}.final`)}
        {merge.undoneBy && <span className="table__sub">{t(`${K}.by`, { name: merge.undoneBy })}</span>}
      </td>
      <td>
        {merge.canUndo && (
          <ConfirmButton
            className="button--small"
            aria-label={t(`${K}.undoLabel`, names)}
            title={t(`${K}.undoTitle`)}
            message={<p>{t(`${K}.undoMessage`, names)}</p>}
            confirmLabel={t(`${K}.undoConfirm`)}
            onConfirm={async () => {
              await undo.mutateAsync(merge.id)
              say(t(`${K}.undoneNotice`, names))
            }}
          >
            {t(`${K}.undo`)}
          </ConfirmButton>
        )}
      </td>
    </tr>
  )
}

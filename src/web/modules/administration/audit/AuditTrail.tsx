import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BusyButton } from '../../../ui/BusyButton.tsx'
import { ErrorMessage } from '../../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { SelectField } from '../../../ui/SelectField.tsx'
import { TableScroll } from '../../../ui/TableScroll.tsx'
import { actionFilterKey, actionSentence, FILTERABLE_ACTIONS, type TrailNames } from './action-sentence.ts'
import { type AuditFilters, useAuditTrail } from './api.ts'

export type AuditTrailProps = {
  /** `/api/schools/:id/audit` or `/api/admin/audit`. */
  path: string
  names: TrailNames
  /** The schools to filter by, for the deployment's trail (which then shows a school column). */
  schools?: { id: string; name: string }[]
  /** The action codes offered in the filter (a school's trail has no syndicate actions). */
  actions?: readonly string[]
  /** Filters always applied (the data-protection officer's view of reads of personal data). */
  fixed?: AuditFilters
}

/**
 * An audit trail as a table: when, who, what (in plain words) and, for the deployment, where. Filters
 * by action (and school); "Afficher plus" brings the older entries.
 */
export function AuditTrail({ path, names, schools, actions = FILTERABLE_ACTIONS, fixed }: AuditTrailProps) {
  const { t, i18n } = useTranslation()
  const [filters, setFilters] = useState<AuditFilters>({})
  const trail = useAuditTrail(path, { ...filters, ...fixed })
  const k = 'administration.audit' as const
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' })
  const entries = trail.data?.pages.flatMap((page) => page.entries) ?? []
  const rows = entries.map((entry) => ({
    id: entry.id,
    at: entry.at,
    when: when.format(new Date(entry.at)),
    who: entry.actor?.displayName ?? t(`${k}.system`),
    what: actionSentence(t, entry, names),
    where: entry.schoolId
      ? (names.schools.get(entry.schoolId) ?? t(`${k}.refs.school.theUnknown`))
      : t(`${k}.deployment`),
  }))

  return (
    <>
      <search className="filters" aria-label={t(`${k}.filters`)}>
        <SelectField
          label={t(`${k}.action`)}
          value={filters.action ?? ''}
          onChange={(action) => setFilters((current) => ({ ...current, action: action || undefined }))}
          placeholder={t(`${k}.allActions`)}
          options={actions.map((action) => ({
            value: action,
            label: t(
              `${k}.filterActions.${actionFilterKey(action)}` as 'administration.audit.filterActions.structures_addClass',
            ),
          }))}
        />
        {schools && (
          <SelectField
            label={t(`${k}.school`)}
            value={filters.schoolId ?? ''}
            onChange={(schoolId) =>
              setFilters((current) => ({ ...current, schoolId: schoolId || undefined }))
            }
            placeholder={t(`${k}.allSchools`)}
            options={schools.map((school) => ({ value: school.id, label: school.name }))}
          />
        )}
      </search>
      {trail.isPending ? (
        <LoadingState />
      ) : trail.isError ? (
        <ErrorMessage error={trail.error} onRetry={() => trail.refetch()} />
      ) : entries.length === 0 ? (
        <p className="empty-state">{t(filters.action || filters.schoolId ? `${k}.noMatch` : `${k}.empty`)}</p>
      ) : (
        <>
          {/* A table where there is room for its columns; on a phone, one card per action. */}
          <div className="audit-wide">
            <TableScroll caption={t(`${k}.caption`)} isCaptionVisible={false}>
              <thead>
                <tr>
                  <th scope="col">{t(`${k}.when`)}</th>
                  <th scope="col">{t(`${k}.who`)}</th>
                  <th scope="col">{t(`${k}.what`)}</th>
                  {schools && <th scope="col">{t(`${k}.where`)}</th>}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td className="table__nowrap">
                      <time dateTime={row.at}>{row.when}</time>
                    </td>
                    <td>{row.who}</td>
                    <td className="table__wide">{row.what}</td>
                    {schools && <td>{row.where}</td>}
                  </tr>
                ))}
              </tbody>
            </TableScroll>
          </div>
          <ol className="audit-narrow" aria-label={t(`${k}.caption`)}>
            {rows.map((row) => (
              <li key={row.id} className="audit-card">
                <p className="audit-card__meta">
                  <time dateTime={row.at}>{row.when}</time> · {row.who}
                  {schools && ` · ${row.where}`}
                </p>
                <p className="audit-card__what">{row.what}</p>
              </li>
            ))}
          </ol>
          <p className="table-footer" aria-live="polite">
            {t(`${k}.shown`, { count: entries.length })}
          </p>
          {trail.hasNextPage && (
            <BusyButton
              variant="secondary"
              onPress={() => trail.fetchNextPage()}
              isBusy={trail.isFetchingNextPage}
            >
              {trail.isFetchingNextPage ? t('common.loading') : t(`${k}.showMore`)}
            </BusyButton>
          )}
        </>
      )}
    </>
  )
}

import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { CLASS_LEVELS } from '../../../contract/structures.ts'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { DownloadIcon } from '../../ui/icons/ui-icons.tsx'
import { Link } from '../../ui/Link.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { connectionSheetsUrl } from '../administration/accounts/api.ts'
import { type SchoolClass, useSchoolClasses } from '../administration/school/api.ts'

const K = 'imports.sheets' as const

const levelRank = (klass: SchoolClass) =>
  Math.min(...klass.levels.map((level) => CLASS_LEVELS.indexOf(level)), CLASS_LEVELS.length)

/**
 * Right after an import: the school's classes, each with its connection sheets as a PDF to print (the
 * new accounts' activation codes) and its page. Plain links: the browser downloads the file.
 */
export function ConnectionSheetLinks({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation()
  const headingId = useId()
  const classes = useSchoolClasses(schoolId)

  const body = () => {
    if (classes.isPending) return <LoadingState />
    if (classes.isError) return <ErrorMessage error={classes.error} onRetry={() => classes.refetch()} />
    if (classes.data.classes.length === 0) return <p className="empty-state">{t(`${K}.noClass`)}</p>
    const sorted = [...classes.data.classes].sort(
      (a, b) => levelRank(a) - levelRank(b) || a.name.localeCompare(b.name, 'fr'),
    )
    return (
      <ul className="import-sheets">
        {sorted.map((klass) => (
          <li key={klass.id} className="import-sheets__item">
            <span className="import-sheets__name">{klass.name}</span>
            <span className="import-sheets__links">
              <a
                className="button button--secondary"
                href={connectionSheetsUrl(schoolId, klass.id, 'pdf', 'all')}
                download
                aria-label={t(`${K}.pdfLabel`, { name: klass.name })}
              >
                <DownloadIcon />
                {t(`${K}.pdf`)}
              </a>
              <Link
                href={`/ecoles/${encodeURIComponent(schoolId)}/classes/${encodeURIComponent(klass.id)}`}
                aria-label={t(`${K}.classPageLabel`, { name: klass.name })}
              >
                {t(`${K}.classPage`)}
              </Link>
            </span>
          </li>
        ))}
      </ul>
    )
  }

  return (
    <section className="import-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(`${K}.title`)}</h2>
      <p>{t(`${K}.intro`)}</p>
      {body()}
    </section>
  )
}

import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { ImportCounts, ImportReport, SchoolImportReport } from '../../../contract/imports.ts'
import { TableScroll } from '../../ui/TableScroll.tsx'
import { useNumber } from './format.ts'

const K = 'imports.report' as const
const CATEGORIES = ['pupils', 'guardians', 'teachers'] as const
const COLUMNS = [
  'created',
  'updated',
  'unchanged',
  'missing',
] as const satisfies readonly (keyof ImportCounts)[]

/**
 * What the import would do (or did) in each school: people by category × new, changed, same, no longer
 * present; classes and family links; then the files read. `isDone` words it as what happened.
 */
export function ReportSummary({ report, isDone }: { report: ImportReport; isDone: boolean }) {
  const { t } = useTranslation()
  const headingId = useId()
  return (
    <section className="import-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(isDone ? `${K}.doneTitle` : `${K}.plannedTitle`)}</h2>
      {report.schools.length === 0 && <p className="empty-state">{t(`${K}.noSchool`)}</p>}
      {report.schools.map((school) => (
        <SchoolCounts
          key={school.schoolId}
          school={school}
          isDone={isDone}
          graceDays={report.graceDays}
          isOnlySchool={report.schools.length === 1}
        />
      ))}
    </section>
  )
}

function SchoolCounts({
  school,
  isDone,
  graceDays,
  isOnlySchool,
}: {
  school: SchoolImportReport
  isDone: boolean
  graceDays: number
  isOnlySchool: boolean
}) {
  const { t } = useTranslation()
  const number = useNumber()
  const captionId = useId()
  const missing = CATEGORIES.reduce((sum, category) => sum + school[category].missing, 0)
  const caption = isOnlySchool
    ? t(`${K}.peopleCaption`)
    : t(`${K}.peopleCaptionOf`, { name: school.name, uai: school.uai })
  return (
    <div className="import-school">
      {!isOnlySchool && (
        <h3>
          {school.name} <span className="import-school__uai">{school.uai}</span>
        </h3>
      )}
      {/* A table where there is room for its five columns; on a phone, one card per category. */}
      <div className="import-wide">
        <TableScroll caption={caption}>
          <thead>
            <tr>
              <th scope="col">{t(`${K}.columns.people`)}</th>
              {COLUMNS.map((column) => (
                <th key={column} scope="col" className="import-count">
                  {t(`${K}.columns.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {CATEGORIES.map((category) => (
              <tr key={category}>
                <th scope="row">{t(`${K}.categories.${category}`)}</th>
                {COLUMNS.map((column) => (
                  <td key={column} className="import-count">
                    {number(school[category][column])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </TableScroll>
      </div>
      <div className="import-narrow">
        <p className="import-counts__caption" id={captionId}>
          {caption}
        </p>
        <ul className="import-count-cards" aria-labelledby={captionId}>
          {CATEGORIES.map((category) => (
            <li key={category} className="import-count-card">
              <span className="import-count-card__title">{t(`${K}.categories.${category}`)}</span>
              <dl className="import-count-card__counts">
                {COLUMNS.map((column) => (
                  <div key={column}>
                    <dt>{t(`${K}.columns.${column}`)}</dt>
                    <dd>{number(school[category][column])}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      </div>
      <p className="import-school__grace">
        {missing > 0
          ? t(`${K}.grace`, { count: graceDays, missing: number(missing) })
          : t(`${K}.nobodyMissing`)}
      </p>
      <dl className="fact-grid import-school__facts">
        <div>
          <dt>{t(`${K}.classes`)}</dt>
          <dd>
            {t(isDone ? `${K}.classesCreated` : `${K}.classesToCreate`, { count: school.classes.created })}
            {', '}
            {t(isDone ? `${K}.classesExisted` : `${K}.classesExisting`, { count: school.classes.existing })}
          </dd>
        </div>
        <div>
          <dt>{t(`${K}.familyLinks`)}</dt>
          <dd>
            {t(isDone ? `${K}.linksCreated` : `${K}.linksToCreate`, { count: school.familyLinks.created })}
            {', '}
            {t(isDone ? `${K}.linksExisted` : `${K}.linksExisting`, { count: school.familyLinks.existing })}
          </dd>
        </div>
      </dl>
    </div>
  )
}

/** The files the run read: name, what they hold, their encoding and how many records they gave. */
export function ImportedFiles({ report }: { report: ImportReport }) {
  const { t } = useTranslation()
  const number = useNumber()
  const headingId = useId()
  return (
    <section className="import-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(`${K}.files.title`)}</h2>
      <TableScroll caption={t(`${K}.files.caption`)} isCaptionVisible={false}>
        <thead>
          <tr>
            <th scope="col">{t(`${K}.files.name`)}</th>
            <th scope="col">{t(`${K}.files.kind`)}</th>
            <th scope="col">{t(`${K}.files.encoding`)}</th>
            <th scope="col" className="import-count">
              {t(`${K}.files.records`)}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.files.map((file) => (
            <tr key={`${file.kind}:${file.name}:${file.uai ?? ''}`}>
              <td className="import-file-name">{file.name}</td>
              <td>{t(`${K}.categories.${file.kind}`)}</td>
              <td>{encodingName(file.encoding)}</td>
              <td className="import-count">{number(file.records)}</td>
            </tr>
          ))}
        </tbody>
      </TableScroll>
    </section>
  )
}

/** Encodings by the names spreadsheets give them when saving (« Windows-1252 », « UTF-8 »). */
function encodingName(encoding: string): string {
  const names: Record<string, string> = {
    'windows-1252': 'Windows-1252',
    'iso-8859-1': 'ISO-8859-1',
    'iso-8859-15': 'ISO-8859-15',
    'utf-8': 'UTF-8',
    utf8: 'UTF-8',
  }
  return names[encoding.toLowerCase()] ?? encoding
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate } from 'react-router'
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx'
import { ErrorMessage } from '../../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { TableScroll } from '../../../ui/TableScroll.tsx'
import { useNotice } from '../components/FormParts.tsx'
import { RolloverDeletions } from './RolloverDeletions.tsx'
import { DELETIONS_PAGE, type RolloverPreview, useOpenNextYear, useRolloverPreview } from './rollover-api.ts'
import { SyndicatePage } from './SyndicatePage.tsx'

const k = 'administration.syndicate.rollover' as const

/**
 * The rollover (bascule d'année): what opening the next school year will do — the classes archived per
 * school, the pupils who wait for the import, whose personal data goes and when — then the opening
 * itself, behind a confirmation.
 */
export function RolloverPage() {
  const { t } = useTranslation()
  return (
    <SyndicatePage
      title={t(`${k}.title`)}
      intro={t(`${k}.intro`)}
      crumbs={[{ href: '/syndicat/annees', label: t('administration.syndicate.schoolYears.title') }]}
    >
      {(role) => (role === 'syndicate' ? <Rollover /> : <Navigate to="/syndicat/ecoles" replace />)}
    </SyndicatePage>
  )
}

function Rollover() {
  const { t, i18n } = useTranslation()
  // The cursors of the pages seen, the current one last: « Page précédente » goes back one.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  const preview = useRolloverPreview(cursors.at(-1))
  const open = useOpenNextYear()
  const { notice, say } = useNotice()

  if (preview.isPending) return <LoadingState />
  if (preview.isError) return <ErrorMessage error={preview.error} onRetry={() => preview.refetch()} />

  const data = preview.data
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' })
  const day = (iso: string) => date.format(new Date(iso))
  const { nextYear, totals } = data
  const canOpen = data.allowedActions.includes('schoolYears.openNextYear')

  return (
    <>
      {notice}
      <section aria-labelledby="rollover-summary">
        <h2 id="rollover-summary">{t(`${k}.summaryTitle`, { label: nextYear.label })}</h2>
        <dl className="fact-grid">
          <div>
            <dt>{t(`${k}.currentYear`)}</dt>
            <dd>{data.currentYear?.label ?? t(`${k}.noCurrentYear`)}</dd>
          </div>
          <div>
            <dt>{t(`${k}.nextYear`)}</dt>
            <dd>
              {t(`${k}.yearDates`, {
                label: nextYear.label,
                start: day(nextYear.startsOn),
                end: day(nextYear.endsOn),
              })}
            </dd>
          </div>
          <div>
            <dt>{t(`${k}.classesArchived`)}</dt>
            <dd>{totals.classes.toLocaleString(i18n.language)}</dd>
          </div>
          <div>
            <dt>{t(`${k}.schoolsConcerned`)}</dt>
            <dd>{totals.schools.toLocaleString(i18n.language)}</dd>
          </div>
          <div>
            <dt>{t(`${k}.pupilsWaiting`)}</dt>
            <dd>{totals.pupilsWaiting.toLocaleString(i18n.language)}</dd>
          </div>
          <div>
            <dt>{t(`${k}.deletions`)}</dt>
            <dd>{t(`${k}.people`, { count: totals.deletions })}</dd>
          </div>
        </dl>
        {canOpen && (
          <div className="page-actions">
            <ConfirmButton
              variant="primary"
              title={t(`${k}.confirmTitle`, { label: nextYear.label })}
              message={<OpeningConsequences preview={data} />}
              confirmLabel={t(`${k}.confirm`, { label: nextYear.label })}
              onConfirm={async () => {
                const opened = await open.mutateAsync(nextYear.label)
                setCursors([undefined])
                say(
                  t(`${k}.opened`, {
                    label: opened.schoolYear.label,
                    classes: opened.archivedClasses,
                    pupils: opened.pupilsUnassigned,
                    deletions: opened.scheduledDeletions,
                  }),
                )
              }}
            >
              {t(`${k}.open`, { label: nextYear.label })}
            </ConfirmButton>
          </div>
        )}
      </section>

      <section aria-labelledby="rollover-schools">
        <h2 id="rollover-schools" className="list-title">
          {t(`${k}.schoolsTitle`)}
        </h2>
        {data.schools.length === 0 ? (
          <p className="empty-state">{t(`${k}.noSchools`)}</p>
        ) : (
          <SchoolsTable schools={data.schools} />
        )}
      </section>

      <RolloverDeletions
        preview={data}
        offset={(cursors.length - 1) * DELETIONS_PAGE}
        onNext={(after) => setCursors((seen) => [...seen, after])}
        onPrevious={() => setCursors((seen) => (seen.length > 1 ? seen.slice(0, -1) : seen))}
        isLoading={preview.isPlaceholderData}
        day={day}
      />
    </>
  )
}

/** What the confirmation says will happen, in plain words. */
function OpeningConsequences({ preview }: { preview: RolloverPreview }) {
  const { t } = useTranslation()
  const { totals, nextYear } = preview
  return (
    <>
      <p>{t(`${k}.confirmIntro`, { label: nextYear.label })}</p>
      <ul className="bullet-list">
        <li>{t(`${k}.confirmClasses`, { count: totals.classes })}</li>
        <li>{t(`${k}.confirmPupils`, { count: totals.pupilsWaiting })}</li>
        <li>{t(`${k}.confirmDeletions`, { count: totals.deletions })}</li>
      </ul>
      <p>{t(`${k}.confirmFinal`)}</p>
    </>
  )
}

function SchoolsTable({ schools }: { schools: RolloverPreview['schools'] }) {
  const { t, i18n } = useTranslation()
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' })
  return (
    <TableScroll caption={t(`${k}.schoolsCaption`)} isCaptionVisible={false}>
      <thead>
        <tr>
          <th scope="col">{t(`${k}.colSchool`)}</th>
          <th scope="col">{t(`${k}.colClasses`)}</th>
          <th scope="col">{t(`${k}.colPupilsInClasses`)}</th>
          <th scope="col">{t(`${k}.colPupilsWaiting`)}</th>
        </tr>
      </thead>
      <tbody>
        {schools.map((school) => (
          <tr key={school.id}>
            <th scope="row">
              {school.name}
              <span className="table__sub">{school.uai}</span>
            </th>
            <td>
              {school.classes.length === 0
                ? t(`${k}.noClass`)
                : list.format(school.classes.map((klass) => klass.name))}
            </td>
            <td className="table__nowrap">
              {school.classes.reduce((sum, klass) => sum + klass.pupilCount, 0).toLocaleString(i18n.language)}
            </td>
            <td className="table__nowrap">{school.pupilsWaiting.toLocaleString(i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </TableScroll>
  )
}

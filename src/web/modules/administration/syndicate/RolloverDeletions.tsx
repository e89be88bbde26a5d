import { useTranslation } from 'react-i18next'
import type { RemovedData } from '../../../../contract/school-years.ts'
import { Button } from '../../../ui/Button.tsx'
import { TableScroll } from '../../../ui/TableScroll.tsx'
import { DELETIONS_PAGE, type PlannedDeletion, type RolloverPreview } from './rollover-api.ts'

const k = 'administration.syndicate.rollover' as const

/** The kinds of rows a deletion removes, in the order they are listed. */
const REMOVED: (keyof RemovedData)[] = [
  'memberships',
  'familyLinks',
  'classMemberships',
  'groupMemberships',
  'imageConsents',
  'sessions',
  'activationCodes',
  'loginCards',
]

/**
 * The people who no longer need an account (every membership ended, no administrator role), a page
 * at a time, soonest deletion first: when, what goes, and whether what they wrote stays.
 */
export function RolloverDeletions({
  preview,
  offset,
  onNext,
  onPrevious,
  isLoading,
  day,
}: {
  preview: RolloverPreview
  /** How many people the pages before this one listed. */
  offset: number
  onNext: (after: string) => void
  onPrevious: () => void
  isLoading: boolean
  day: (iso: string) => string
}) {
  const { t } = useTranslation()
  const total = preview.totals.deletions
  const last = offset + preview.deletions.length
  return (
    <section aria-labelledby="rollover-deletions">
      <h2 id="rollover-deletions" className="list-title">
        {t(`${k}.deletionsTitle`)}
      </h2>
      <p>{t(`${k}.deletionsIntro`)}</p>
      {total === 0 ? (
        <p className="empty-state">{t(`${k}.noDeletions`)}</p>
      ) : (
        <>
          <TableScroll caption={t(`${k}.deletionsCaption`, { from: offset + 1, to: last, count: total })}>
            <thead>
              <tr>
                <th scope="col">{t(`${k}.colPerson`)}</th>
                <th scope="col">{t(`${k}.colSchools`)}</th>
                <th scope="col">{t(`${k}.colLeftOn`)}</th>
                <th scope="col">{t(`${k}.colDueOn`)}</th>
                <th scope="col">{t(`${k}.colRemoved`)}</th>
                <th scope="col">{t(`${k}.colContributions`)}</th>
              </tr>
            </thead>
            <tbody aria-busy={isLoading}>
              {preview.deletions.map((deletion) => (
                <DeletionRow key={deletion.userId} deletion={deletion} today={preview.today} day={day} />
              ))}
            </tbody>
          </TableScroll>
          {total > DELETIONS_PAGE && (
            <div className="form-buttons">
              <Button isDisabled={offset === 0 || isLoading} onPress={onPrevious}>
                {t(`${k}.previousPage`)}
              </Button>
              <Button
                isDisabled={preview.nextAfter === null || isLoading}
                onPress={() => preview.nextAfter && onNext(preview.nextAfter)}
              >
                {t(`${k}.nextPage`)}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  )
}

function DeletionRow({
  deletion,
  today,
  day,
}: {
  deletion: PlannedDeletion
  today: string
  day: (iso: string) => string
}) {
  const { t, i18n } = useTranslation()
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' })
  const profiles = list.format(deletion.profiles.map((profile) => t(`profiles.${profile}`)))
  const removed = REMOVED.filter((kind) => deletion.removes[kind] > 0).map((kind) =>
    t(`${k}.removes.${kind}`, { count: deletion.removes[kind] }),
  )
  return (
    <tr>
      <th scope="row">
        {deletion.displayName}
        <span className="table__sub">{profiles}</span>
      </th>
      <td>{list.format(deletion.schools.map((school) => school.name))}</td>
      <td className="table__nowrap">{day(deletion.leftOn)}</td>
      <td className="table__nowrap">
        {day(deletion.dueOn)}
        {deletion.dueOn <= today && <span className="table__sub">{t(`${k}.dueNow`)}</span>}
      </td>
      <td>
        {t(deletion.account === 'deleted' ? `${k}.accountDeleted` : `${k}.accountAnonymised`)}
        {removed.length > 0 && <span className="table__sub">{list.format(removed)}</span>}
      </td>
      <td>
        {deletion.contributions === 'kept' ? (
          t(`${k}.contributionsKept`)
        ) : (
          <span className="tag">{t(`${k}.contributionsDeleted`)}</span>
        )}
      </td>
    </tr>
  )
}

import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { ErrorMessage, useErrorText } from '../../ui/ErrorMessage.tsx'
import { FormAlert } from '../administration/components/FormParts.tsx'
import {
  type AccountDuplicate,
  type DuplicateDecision,
  type ImportReport,
  useAccountDuplicates,
  useDecideAccountDuplicate,
} from './api.ts'

const K = 'imports.accountDuplicates' as const

/**
 * People of the files who share only their names with an account of another school: both side by side
 * (names, schools, children or classes, masked contacts) and « C’est la même personne » (the account
 * joins the school at apply) or « Ce sont deux personnes » (a new account; not asked again). Each
 * decision is saved at once and the report comes back planned again.
 */
export function AccountDuplicates({
  schoolId,
  report,
  say,
}: {
  schoolId: string
  report: ImportReport
  say: (notice: string) => void
}) {
  const { t } = useTranslation()
  const headingId = useId()
  const pairs = useAccountDuplicates(schoolId, report.id)
  const decide = useDecideAccountDuplicate(schoolId, report.id)
  const errorText = useErrorText()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  if (pairs.isError) return <ErrorMessage error={pairs.error} onRetry={() => pairs.refetch()} />
  const items = pairs.data?.items ?? []
  if (items.length === 0) return null
  const undecided = items.filter((item) => item.decision === null).length

  const choose = async (item: AccountDuplicate, decision: DuplicateDecision) => {
    const key = keyOf(item)
    setBusy(`${key}:${decision}`)
    setError(null)
    try {
      await decide.mutateAsync({ profile: item.profile, line: item.line, userId: item.userId, decision })
      say(t(`${K}.saved.${decision}`, { name: item.imported.displayName }))
    } catch (failure) {
      setError(errorText(failure))
    } finally {
      setBusy(null)
    }
  }

  return (
    <section className="import-section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t(`${K}.title`)} <span className="import-count-badge">{items.length}</span>
      </h2>
      <p>{t(`${K}.intro`)}</p>
      <p className="import-duplicates__left">
        {undecided > 0 ? t(`${K}.undecided`, { count: undecided }) : t(`${K}.allDecided`)}
      </p>
      <FormAlert message={error} />
      <ul className="import-pairs">
        {items.map((item) => {
          const key = keyOf(item)
          const titleId = `${headingId}-${key}`
          return (
            <li key={key} className="card import-pair">
              <h3 id={titleId} className="import-pair__title">
                {item.imported.displayName}
              </h3>
              <div className="import-pair__sides">
                <Side title={t(`${K}.inFiles`)} side={item.imported} profile={item.profile} />
                <Side title={t(`${K}.existing`)} side={item.existing} profile={item.profile} />
              </div>
              {item.decision === null ? (
                <div className="import-pair__actions">
                  <BusyButton
                    variant="primary"
                    isBusy={busy === `${key}:same`}
                    isDisabled={busy !== null && busy !== `${key}:same`}
                    onPress={() => void choose(item, 'same')}
                    aria-describedby={titleId}
                  >
                    {t(`${K}.same`)}
                  </BusyButton>
                  <BusyButton
                    isBusy={busy === `${key}:distinct`}
                    isDisabled={busy !== null && busy !== `${key}:distinct`}
                    onPress={() => void choose(item, 'distinct')}
                    aria-describedby={titleId}
                  >
                    {t(`${K}.distinct`)}
                  </BusyButton>
                </div>
              ) : (
                <p className={`import-pair__decision import-pair__decision--${item.decision}`}>
                  {t(`${K}.decided.${item.decision}`)}
                </p>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}

const keyOf = (item: AccountDuplicate) => `${item.profile}-${item.line}-${item.userId}`

function Side({
  title,
  side,
  profile,
}: {
  title: string
  side: AccountDuplicate['imported']
  profile: AccountDuplicate['profile']
}) {
  const { t, i18n } = useTranslation()
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' })
  const ties = side.ties.map((tie) => (tie.level ? `${tie.firstName} (${tie.level})` : tie.firstName))
  return (
    <div className="import-pair__side">
      <h4>{title}</h4>
      <dl>
        <dt>{t(`${K}.name`)}</dt>
        <dd>{side.displayName}</dd>
        <dt>{t(`${K}.schools`, { count: side.schools.length })}</dt>
        <dd>{side.schools.length > 0 ? list.format(side.schools) : '—'}</dd>
        <dt>{t(profile === 'parent' ? `${K}.children` : `${K}.classes`)}</dt>
        <dd>{ties.length > 0 ? list.format(ties) : '—'}</dd>
        <dt>{t(`${K}.email`)}</dt>
        <dd>{side.email ?? t(`${K}.none`)}</dd>
        <dt>{t(`${K}.phone`)}</dt>
        <dd>{side.phone ?? t(`${K}.none`)}</dd>
      </dl>
    </div>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../ui/Alert.tsx'
import { RadioGroupField } from '../../../ui/ChoiceGroup.tsx'
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx'
import { ErrorMessage } from '../../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { type PersonAccount, type PersonMerge, useComparison, useMergeAccounts } from './person-merge-api.ts'

const K = 'administration.syndicate.merge' as const

/**
 * Two accounts side by side (schools and profiles, family, classes, activation), which one stays, and
 * the merge behind a confirmation that says what happens. Refused pairs say why, with no button.
 */
export function AccountComparison({
  a,
  b,
  undoDays,
  onMerged,
}: {
  a: string
  b: string
  undoDays: number
  onMerged: (merge: PersonMerge) => void
}) {
  const { t } = useTranslation()
  const comparison = useComparison(a, b)
  const merge = useMergeAccounts()
  const [chosenKept, setChosenKept] = useState<string | null>(null)

  if (comparison.isPending) return <LoadingState />
  if (comparison.isError)
    return <ErrorMessage error={comparison.error} onRetry={() => comparison.refetch()} />
  const { accounts, proposal, refusal, canChooseKept } = comparison.data
  const keptId = (canChooseKept && chosenKept) || proposal?.keepUserId
  const kept = accounts.find((account) => account.id === keptId)
  const merged = accounts.find((account) => account.id !== keptId)

  return (
    <section aria-labelledby="merge-compare">
      <h2 id="merge-compare">{t(`${K}.compareTitle`)}</h2>
      <div className="merge-compare">
        {accounts.map((account) => (
          <AccountCard
            key={account.id}
            account={account}
            role={refusal ? null : account.id === keptId ? 'stays' : 'joins'}
          />
        ))}
      </div>
      {refusal ? (
        <Alert tone="error" title={t(`${K}.refused`)}>
          <p>{refusal}</p>
        </Alert>
      ) : (
        kept &&
        merged && (
          <div className="merge-decision">
            {canChooseKept ? (
              <RadioGroupField
                label={t(`${K}.keptChoice`)}
                description={t(`${K}.keptChoiceHint`)}
                value={kept.id}
                onChange={setChosenKept}
                choices={accounts.map((account) => ({
                  value: account.id,
                  label: `${account.login} — ${account.displayName}`,
                }))}
                isStacked
              />
            ) : (
              <p>{t(`${K}.keptIs`, { login: kept.login })}</p>
            )}
            <div className="page-actions">
              <ConfirmButton
                variant="primary"
                title={t(`${K}.confirmTitle`)}
                message={
                  <>
                    <p>{t(`${K}.confirmIntro`, { merged: merged.login, kept: kept.login })}</p>
                    <ul className="bullet-list">
                      <li>{t(`${K}.confirmSchools`, { kept: kept.login })}</li>
                      <li>{t(`${K}.confirmAccess`, { merged: merged.login })}</li>
                      <li>{t(`${K}.confirmMail`)}</li>
                      <li>{t(`${K}.confirmUndo`, { days: undoDays })}</li>
                    </ul>
                  </>
                }
                confirmLabel={t(`${K}.confirm`)}
                onConfirm={async () => {
                  onMerged(await merge.mutateAsync({ keepUserId: kept.id, mergeUserId: merged.id }))
                }}
              >
                {t(`${K}.merge`)}
              </ConfirmButton>
            </div>
          </div>
        )
      )}
    </section>
  )
}

function AccountCard({ account, role }: { account: PersonAccount; role: 'stays' | 'joins' | null }) {
  const { t, i18n } = useTranslation()
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' })
  const birth = account.birthDate
    ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(account.birthDate),
      )
    : t(`${K}.unknown`)
  const headingId = `merge-account-${account.id}`
  return (
    <article className="card merge-account" aria-labelledby={headingId}>
      <h3 id={headingId}>{account.displayName}</h3>
      {role && <p className={`tag merge-account__role merge-account__role--${role}`}>{t(`${K}.${role}`)}</p>}
      <dl className="fact-grid">
        <Fact label={t(`${K}.login`)} value={account.login} />
        <Fact
          label={t(`${K}.activation`)}
          value={t(account.isActivated ? `${K}.isActivated` : `${K}.waitingActivation`)}
        />
        <Fact label={t(`${K}.birthDate`)} value={birth} />
        <Fact label={t(`${K}.email`)} value={account.email ?? t(`${K}.unknown`)} />
        <Fact label={t(`${K}.phone`)} value={account.phone ?? t(`${K}.unknown`)} />
        <Fact label={t(`${K}.secondFactor`)} value={t(account.hasSecondFactor ? `${K}.yes` : `${K}.no`)} />
        <Fact label={t(`${K}.createdAt`)} value={date.format(new Date(account.createdAt))} />
      </dl>
      <h4>{t(`${K}.schools`)}</h4>
      <List
        items={account.schools.map(
          (school) =>
            `${school.name} : ${[...school.profiles.map((p) => t(`profiles.${p}` as 'profiles.parent')), ...school.functions.map((f) => t(`functions.${f}` as 'functions.director'))].join(', ')}${school.hasLeft ? ` (${t(`${K}.hasLeft`)})` : ''}`,
        )}
      />
      <h4>{t(`${K}.family`)}</h4>
      <List items={account.family.map((person) => `${person.displayName} — ${person.schoolName}`)} />
      <h4>{t(`${K}.classes`)}</h4>
      <List items={account.classes.map((klass) => `${klass.name} — ${klass.schoolName}`)} />
    </article>
  )
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  )
}

function List({ items }: { items: string[] }) {
  const { t } = useTranslation()
  if (items.length === 0) return <p className="merge-account__none">{t(`${K}.none`)}</p>
  return (
    <ul className="bullet-list">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  )
}

import { useTranslation } from 'react-i18next'
import { Card } from '../../../ui/Card.tsx'
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx'
import { ErrorMessage } from '../../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { AddPanel } from '../components/AddPanel.tsx'
import { useNotice } from '../components/FormParts.tsx'
import {
  type StoredRule,
  useCommunicationRules,
  useDeleteRule,
  useSchoolClasses,
  useSchoolGroups,
} from './api.ts'
import { DefaultRules } from './DefaultRules.tsx'
import { RuleForm } from './RuleForm.tsx'
import { type AudienceNames, ruleSentence } from './rule-sentence.ts'
import { SchoolAdminPage } from './SchoolAdminPage.tsx'

/** Who may write to whom in the school: the defaults explained, the school's own rules as sentences. */
export function RulesPage() {
  const { t } = useTranslation()
  return (
    <SchoolAdminPage title={t('administration.rules.title')} intro={t('administration.rules.intro')}>
      {(school) => <Rules schoolId={school.id} />}
    </SchoolAdminPage>
  )
}

function Rules({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation()
  const rules = useCommunicationRules(schoolId)
  const classes = useSchoolClasses(schoolId)
  const groups = useSchoolGroups(schoolId)
  const { notice, say } = useNotice()
  const k = 'administration.rules' as const

  if (rules.isPending || classes.isPending || groups.isPending) return <LoadingState />
  const failed = [rules, classes, groups].find((query) => query.isError)
  if (failed) return <ErrorMessage error={failed.error} onRetry={() => failed.refetch()} />

  const classList = classes.data?.classes ?? []
  const groupList = groups.data?.groups ?? []
  const names: AudienceNames = {
    classes: new Map(classList.map((c) => [c.id, c.name])),
    groups: new Map(groupList.map((g) => [g.id, g.name])),
  }
  const canManage = rules.data?.allowedActions.includes('communication.manageRules') ?? false
  const list = rules.data?.rules ?? []

  return (
    <>
      <DefaultRules />
      <section className="page-section" aria-labelledby="school-rules">
        <h2 id="school-rules">{t(`${k}.ownTitle`, { count: list.length })}</h2>
        {notice}
        {canManage && (
          <AddPanel label={t(`${k}.add`)} title={t(`${k}.addTitle`)}>
            {(close) => (
              <RuleForm
                schoolId={schoolId}
                classes={classList}
                groups={groupList}
                onDone={(sentence, warnings = []) => {
                  close()
                  if (sentence) say([t(`${k}.added`, { rule: sentence }), ...warnings].join(' '))
                }}
              />
            )}
          </AddPanel>
        )}
        {list.length === 0 ? (
          <p className="empty-state">{t(`${k}.empty`)}</p>
        ) : (
          <ul className="card-list">
            {list.map((rule) => (
              <RuleItem
                key={rule.id}
                rule={rule}
                sentence={ruleSentence(t, rule, names)}
                canManage={canManage}
                schoolId={schoolId}
                say={say}
              />
            ))}
          </ul>
        )}
      </section>
    </>
  )
}

function RuleItem({
  rule,
  sentence,
  canManage,
  schoolId,
  say,
}: {
  rule: StoredRule
  sentence: string
  canManage: boolean
  schoolId: string
  say: (notice: string) => void
}) {
  const { t, i18n } = useTranslation()
  const remove = useDeleteRule(schoolId)
  const k = 'administration.rules' as const
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(rule.createdAt))
  return (
    <Card as="li" className={`item-card rule rule--${rule.effect}`}>
      <p className="rule__effect">{t(`${k}.effects.${rule.effect}`)}</p>
      <p className="rule__sentence">{sentence}</p>
      {rule.note && <p className="rule__note">{t(`${k}.note`, { note: rule.note })}</p>}
      <p className="item-card__meta">
        {rule.createdByName
          ? t(`${k}.addedBy`, { name: rule.createdByName, date })
          : t(`${k}.addedOn`, { date })}
      </p>
      {canManage && (
        <div className="item-card__actions">
          <ConfirmButton
            aria-label={t(`${k}.deleteNamed`, { rule: sentence })}
            title={t(`${k}.deleteTitle`)}
            message={
              <>
                <p className="rule__sentence">{sentence}</p>
                <p>{t(`${k}.deleteMessage`)}</p>
              </>
            }
            confirmLabel={t(`${k}.deleteConfirm`)}
            onConfirm={async () => {
              await remove.mutateAsync(rule.id)
              say(t(`${k}.deleted`, { rule: sentence }))
            }}
          >
            {t('administration.common.delete')}
          </ConfirmButton>
        </div>
      )}
    </Card>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useNavigate, useParams } from 'react-router'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { useFormErrors } from '../../ui/form-errors.ts'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { TextAreaField } from '../../ui/TextAreaField.tsx'
import { AddPanel } from '../administration/components/AddPanel.tsx'
import { FormAlert, FormButtons, useNotice } from '../administration/components/FormParts.tsx'
import { SyndicatePage } from '../administration/syndicate/SyndicatePage.tsx'
import { DELIBERATION_FIELDS, DeliberationFields, useDeliberation } from '../members/DeliberationFields.tsx'
import { useDay } from '../members/use-day.ts'
import {
  csvUrl,
  type RuleJson,
  useAdoptRule,
  useComputation,
  useCompute,
  useEditDraft,
  useReviseRule,
  useRules,
  useSimulation,
} from './api.ts'
import { CRITERIA } from './CriteriaFields.tsx'
import { LinesTable } from './LinesTable.tsx'
import { formatCents } from './money.ts'
import { RULE_FIELD_NAMES, RuleFields, useRuleFields } from './RuleFields.tsx'
import './contributions.css'

const F = 'backOffice.finances' as const

/** One year's rule: simulate and adopt a draft, compute an adopted rule, download the call for funds. */
export function RulePage() {
  const { t } = useTranslation()
  const { ruleId = '' } = useParams()
  const rules = useRules()
  const rule = rules.data?.find((candidate) => candidate.id === ruleId)
  const title = rule ? t(`${F}.ruleName`, { year: rule.year, version: rule.version }) : t(`${F}.title`)
  return (
    <SyndicatePage title={title} crumbs={[{ href: '/syndicat/finances', label: t(`${F}.title`) }]}>
      {(role) =>
        role !== 'syndicate' ? (
          <Navigate to="/syndicat/ecoles" replace />
        ) : rules.isPending ? (
          <LoadingState />
        ) : rules.isError ? (
          <ErrorMessage error={rules.error} onRetry={() => rules.refetch()} />
        ) : !rule ? (
          <p>{t(`${F}.notFound`)}</p>
        ) : (
          <RuleView rule={rule} />
        )
      }
    </SyndicatePage>
  )
}

function RuleFacts({ rule }: { rule: RuleJson }) {
  const { t } = useTranslation()
  const day = useDay()
  return (
    <dl className="rule-facts">
      <dt>{t(`${F}.state`)}</dt>
      <dd>
        <span className="tag">{t(`${F}.status.${rule.status}`)}</span>
      </dd>
      <dt>{t(`${F}.deliberation`)}</dt>
      <dd>
        {rule.deliberation
          ? t(`${F}.deliberationRef`, {
              reference: rule.deliberation.reference,
              date: day(rule.deliberation.date),
            })
          : t(`${F}.noDeliberation`)}
      </dd>
      {rule.reason && (
        <>
          <dt>{t(`${F}.reason`)}</dt>
          <dd>{rule.reason}</dd>
        </>
      )}
      <dt>{t(`${F}.referenceOn`)}</dt>
      <dd>{day(rule.referenceOn)}</dd>
      {CRITERIA.filter((key) => rule[key] !== null && rule[key] !== 0).map((key) => (
        <div key={key} style={{ display: 'contents' }}>
          <dt>{t(`${F}.criteria.${key}`)}</dt>
          <dd>{formatCents(rule[key])}</dd>
        </div>
      ))}
    </dl>
  )
}

function RuleView({ rule }: { rule: RuleJson }) {
  const { t } = useTranslation()
  const { notice, say } = useNotice()
  return (
    <>
      {notice}
      <RuleFacts rule={rule} />
      {rule.status === 'draft' && <Draft rule={rule} onAdopted={() => say(t(`${F}.adopted`))} say={say} />}
      {rule.status === 'adopted' && <Adopted rule={rule} say={say} />}
      {rule.status === 'superseded' && rule.computation && <Computed rule={rule} withDownloads={false} />}
    </>
  )
}

function Draft({
  rule,
  onAdopted,
  say,
}: {
  rule: RuleJson
  onAdopted: () => void
  say: (text: string) => void
}) {
  const { t } = useTranslation()
  const simulation = useSimulation(rule.id, true)
  return (
    <>
      <AddPanel label={t(`${F}.editDraft`)} title={t(`${F}.editDraftTitle`)}>
        {(close) => (
          <DraftForm
            rule={rule}
            onDone={(saved) => {
              close()
              if (saved) say(t(`${F}.draftSaved`))
            }}
          />
        )}
      </AddPanel>
      <h2>{t(`${F}.simulationTitle`)}</h2>
      <p>{t(`${F}.simulationIntro`)}</p>
      {simulation.isPending ? (
        <LoadingState />
      ) : simulation.isError ? (
        <ErrorMessage error={simulation.error} onRetry={() => simulation.refetch()} />
      ) : (
        <LinesTable data={simulation.data} caption={t(`${F}.simulationCaption`, { year: rule.year })} />
      )}
      <h2>{t(`${F}.adoptTitle`)}</h2>
      <DeliberationForm submitLabel={t(`${F}.adopt`)} useSubmit={useAdoptRule(rule.id)} onDone={onAdopted} />
    </>
  )
}

function DeliberationForm({
  submitLabel,
  useSubmit,
  onDone,
}: {
  submitLabel: string
  useSubmit: ReturnType<typeof useAdoptRule>
  onDone: () => void
}) {
  const errors = useFormErrors(DELIBERATION_FIELDS)
  const deliberation = useDeliberation()
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    try {
      await useSubmit.mutateAsync({ deliberation: deliberation.value })
      onDone()
    } catch (error) {
      errors.fail(error)
    }
  }
  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <FormAlert message={errors.form} />
      <DeliberationFields deliberation={deliberation} />
      <FormButtons submitLabel={submitLabel} isPending={useSubmit.isPending} />
    </Form>
  )
}

/** Editing a draft: the same fields as when it was prepared; the simulation follows. */
function DraftForm({ rule, onDone }: { rule: RuleJson; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation()
  const edit = useEditDraft(rule.id)
  const errors = useFormErrors(RULE_FIELD_NAMES)
  const fields = useRuleFields(rule)
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    const value = fields.read()
    if (!value) return
    try {
      await edit.mutateAsync({ year: rule.year, ...value })
      onDone(true)
    } catch (error) {
      errors.fail(error)
    }
  }
  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <FormAlert message={fields.problem ?? errors.form} />
      <RuleFields fields={fields} />
      <FormButtons
        submitLabel={t(`${F}.saveDraft`)}
        isPending={edit.isPending}
        onCancel={() => onDone(false)}
      />
    </Form>
  )
}

function Adopted({ rule, say }: { rule: RuleJson; say: (text: string) => void }) {
  const { t } = useTranslation()
  const compute = useCompute(rule.id)
  const errors = useFormErrors([])
  const navigate = useNavigate()
  const run = async () => {
    errors.clear()
    try {
      await compute.mutateAsync(undefined)
      say(t(`${F}.computed`))
    } catch (error) {
      errors.fail(error)
    }
  }
  return (
    <>
      <FormAlert message={errors.form} />
      <div className="rule-actions">
        {!rule.computation && (
          <BusyButton variant="primary" isBusy={compute.isPending} onPress={run}>
            {t(`${F}.compute`)}
          </BusyButton>
        )}
        {rule.computation && (
          <a className="button button--secondary" href={csvUrl(rule.id)} download>
            {t(`${F}.downloadCsv`)}
          </a>
        )}
      </div>
      {!rule.computation && <p>{t(`${F}.computeIntro`)}</p>}
      {rule.computation && <Computed rule={rule} withDownloads />}
      <AddPanel label={t(`${F}.newVersion`)} title={t(`${F}.newVersionTitle`)}>
        {(close) => (
          <RevisionForm
            rule={rule}
            onDone={(id) => {
              close()
              if (id) navigate(`/syndicat/finances/${id}`)
            }}
          />
        )}
      </AddPanel>
    </>
  )
}

function Computed({ rule, withDownloads }: { rule: RuleJson; withDownloads: boolean }) {
  const { t } = useTranslation()
  const day = useDay()
  const computation = useComputation(rule.id, true)
  if (computation.isPending) return <LoadingState />
  if (computation.isError)
    return <ErrorMessage error={computation.error} onRetry={() => computation.refetch()} />
  return (
    <>
      <h2>{t(`${F}.computationTitle`)}</h2>
      <p>
        {t(`${F}.computationIntro`, {
          total: formatCents(computation.data.totalCents),
          members: computation.data.lines.length,
          referenceOn: day(rule.referenceOn),
        })}
      </p>
      <LinesTable
        data={computation.data}
        caption={t(`${F}.computationCaption`, { year: rule.year })}
        noticesOf={withDownloads ? rule.id : undefined}
      />
    </>
  )
}

function RevisionForm({ rule, onDone }: { rule: RuleJson; onDone: (id: string | null) => void }) {
  const { t } = useTranslation()
  const revise = useReviseRule(rule.id)
  const errors = useFormErrors(['reason', ...RULE_FIELD_NAMES, ...DELIBERATION_FIELDS])
  const fields = useRuleFields(rule)
  const deliberation = useDeliberation()
  const [reason, setReason] = useState('')
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    const value = fields.read()
    if (!value) return
    try {
      const { id } = await revise.mutateAsync({ ...value, reason, deliberation: deliberation.value })
      onDone(id)
    } catch (error) {
      errors.fail(error)
    }
  }
  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <FormAlert message={fields.problem ?? errors.form} />
      <TextAreaField name="reason" label={t(`${F}.reason`)} value={reason} onChange={setReason} isRequired />
      <RuleFields fields={fields} />
      <DeliberationFields deliberation={deliberation} />
      <FormButtons
        submitLabel={t(`${F}.adoptVersion`)}
        isPending={revise.isPending}
        onCancel={() => onDone(null)}
      />
    </Form>
  )
}

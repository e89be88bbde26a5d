import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useNavigate } from 'react-router'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { useFormErrors } from '../../ui/form-errors.ts'
import { Link } from '../../ui/Link.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { TableScroll } from '../../ui/TableScroll.tsx'
import { TextField } from '../../ui/TextField.tsx'
import { AddPanel } from '../administration/components/AddPanel.tsx'
import { FormAlert, FormButtons } from '../administration/components/FormParts.tsx'
import { SyndicatePage } from '../administration/syndicate/SyndicatePage.tsx'
import { useDay } from '../members/use-day.ts'
import { useCreateRule, useRules } from './api.ts'
import { formatCents } from './money.ts'
import { RULE_FIELD_NAMES, RuleFields, useRuleFields } from './RuleFields.tsx'
import './contributions.css'

const F = 'backOffice.finances' as const

/** The finance officer's page: the contribution rule of each year, its versions, and a new draft. */
export function FinancesPage() {
  const { t } = useTranslation()
  return (
    <SyndicatePage title={t(`${F}.title`)} intro={t(`${F}.intro`)}>
      {(role) => (role === 'syndicate' ? <Rules /> : <Navigate to="/syndicat/ecoles" replace />)}
    </SyndicatePage>
  )
}

function Rules() {
  const { t } = useTranslation()
  const rules = useRules()
  const navigate = useNavigate()
  const day = useDay()
  if (rules.isPending) return <LoadingState />
  if (rules.isError) return <ErrorMessage error={rules.error} onRetry={() => rules.refetch()} />
  const nextYear = Math.max(new Date().getFullYear(), ...rules.data.map((rule) => rule.year + 1))
  return (
    <>
      <AddPanel label={t(`${F}.newRule`)} title={t(`${F}.newRuleTitle`)}>
        {(close) => (
          <RuleForm
            year={nextYear}
            onDone={(id) => {
              close()
              if (id) navigate(`/syndicat/finances/${id}`)
            }}
          />
        )}
      </AddPanel>
      {rules.data.length === 0 ? (
        <p className="empty-state">{t(`${F}.empty`)}</p>
      ) : (
        <TableScroll caption={t(`${F}.caption`)}>
          <thead>
            <tr>
              <th scope="col">{t(`${F}.year`)}</th>
              <th scope="col">{t(`${F}.state`)}</th>
              <th scope="col">{t(`${F}.deliberation`)}</th>
              <th scope="col">{t(`${F}.referenceOn`)}</th>
              <th scope="col" className="table__number">
                {t(`${F}.total`)}
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.data.map((rule) => (
              <tr key={rule.id}>
                <th scope="row">
                  <Link href={`/syndicat/finances/${rule.id}`}>
                    {t(`${F}.ruleName`, { year: rule.year, version: rule.version })}
                  </Link>
                </th>
                <td>
                  <span className="tag">{t(`${F}.status.${rule.status}`)}</span>
                </td>
                <td>
                  {rule.deliberation
                    ? t(`${F}.deliberationRef`, {
                        reference: rule.deliberation.reference,
                        date: day(rule.deliberation.date),
                      })
                    : '—'}
                </td>
                <td className="table__nowrap">{day(rule.referenceOn)}</td>
                <td className="table__number">{formatCents(rule.computation?.totalCents)}</td>
              </tr>
            ))}
          </tbody>
        </TableScroll>
      )}
    </>
  )
}

function RuleForm({ year, onDone }: { year: number; onDone: (id: string | null) => void }) {
  const { t } = useTranslation()
  const create = useCreateRule()
  const errors = useFormErrors(['year', ...RULE_FIELD_NAMES])
  const [yearText, setYearText] = useState(String(year))
  const fields = useRuleFields()

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    const value = fields.read()
    if (!value) return
    try {
      const { id } = await create.mutateAsync({ year: Number(yearText), ...value })
      onDone(id)
    } catch (error) {
      errors.fail(error)
    }
  }
  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <FormAlert message={fields.problem ?? errors.form} />
      <TextField
        name="year"
        label={t(`${F}.year`)}
        value={yearText}
        onChange={setYearText}
        inputMode="numeric"
        isRequired
      />
      <RuleFields fields={fields} />
      <FormButtons
        submitLabel={t(`${F}.saveDraft`)}
        isPending={create.isPending}
        onCancel={() => onDone(null)}
      />
    </Form>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate } from 'react-router'
import { ErrorMessage } from '../../../ui/ErrorMessage.tsx'
import { Form } from '../../../ui/Form.tsx'
import { useFormErrors } from '../../../ui/form-errors.ts'
import { Link } from '../../../ui/Link.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { TableScroll } from '../../../ui/TableScroll.tsx'
import { TextField } from '../../../ui/TextField.tsx'
import { AddPanel } from '../components/AddPanel.tsx'
import { FormAlert, FormButtons, useNotice } from '../components/FormParts.tsx'
import { type SchoolYearRow, useAddSchoolYear, useSchoolYears } from './api.ts'
import { SyndicatePage } from './SyndicatePage.tsx'

/** The school years of the deployment, and the preparation of the next one. */
export function SchoolYearsPage() {
  const { t } = useTranslation()
  return (
    <SyndicatePage
      title={t('administration.syndicate.schoolYears.title')}
      intro={t('administration.syndicate.schoolYears.intro')}
    >
      {(role) => (role === 'syndicate' ? <SchoolYears /> : <Navigate to="/syndicat/ecoles" replace />)}
    </SyndicatePage>
  )
}

/** The label of the year after the latest one ("2027-2028"). */
function nextYearLabel(years: SchoolYearRow[]): string {
  const latest = Math.max(
    new Date().getFullYear() - 1,
    ...years.map((year) => Number(year.label.slice(0, 4))),
  )
  return `${latest + 1}-${latest + 2}`
}

function SchoolYears() {
  const { t, i18n } = useTranslation()
  const years = useSchoolYears()
  const { notice, say } = useNotice()
  const k = 'administration.syndicate.schoolYears' as const

  if (years.isPending) return <LoadingState />
  if (years.isError) return <ErrorMessage error={years.error} onRetry={() => years.refetch()} />

  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' })
  return (
    <>
      {notice}
      <div className="page-actions">
        <Link href="/syndicat/annees/bascule" appearance="button">
          {t(`${k}.rolloverLink`)}
        </Link>
      </div>
      <AddPanel label={t(`${k}.add`)} title={t(`${k}.addTitle`)}>
        {(close) => (
          <SchoolYearForm
            suggestion={nextYearLabel(years.data)}
            onDone={(label) => {
              close()
              if (label) say(t(`${k}.added`, { label }))
            }}
          />
        )}
      </AddPanel>
      <TableScroll caption={t(`${k}.caption`)}>
        <thead>
          <tr>
            <th scope="col">{t(`${k}.label`)}</th>
            <th scope="col">{t(`${k}.starts`)}</th>
            <th scope="col">{t(`${k}.ends`)}</th>
            <th scope="col">{t(`${k}.state`)}</th>
          </tr>
        </thead>
        <tbody>
          {years.data.map((year) => (
            <tr key={year.id}>
              <th scope="row">{year.label}</th>
              <td className="table__nowrap">{date.format(new Date(year.startsOn))}</td>
              <td className="table__nowrap">{date.format(new Date(year.endsOn))}</td>
              <td>{year.isCurrent ? <span className="tag">{t(`${k}.current`)}</span> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </TableScroll>
    </>
  )
}

function SchoolYearForm({
  suggestion,
  onDone,
}: {
  suggestion: string
  onDone: (label: string | null) => void
}) {
  const { t } = useTranslation()
  const add = useAddSchoolYear()
  const errors = useFormErrors(['label'])
  const [label, setLabel] = useState(suggestion)
  const k = 'administration.syndicate.schoolYears' as const

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    try {
      await add.mutateAsync(label.trim())
      onDone(label.trim())
    } catch (error) {
      errors.fail(error)
    }
  }
  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <FormAlert message={errors.form} />
      <TextField
        name="label"
        label={t(`${k}.label`)}
        description={t(`${k}.labelHint`)}
        value={label}
        onChange={errors.changing('label', setLabel)}
        isRequired
      />
      <FormButtons submitLabel={t(`${k}.add`)} isPending={add.isPending} onCancel={() => onDone(null)} />
    </Form>
  )
}

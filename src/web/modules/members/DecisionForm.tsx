import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Form } from '../../ui/Form.tsx'
import { useFormErrors } from '../../ui/form-errors.ts'
import { TextField } from '../../ui/TextField.tsx'
import { FormAlert, FormButtons } from '../administration/components/FormParts.tsx'
import { type MemberJson, useRecordAdhesion, useRecordWithdrawal } from './api.ts'
import { DELIBERATION_FIELDS, DeliberationFields, useDeliberation } from './DeliberationFields.tsx'

const M = 'backOffice.members' as const

/**
 * A member's adhesion to the competence or its withdrawal: one form, since both are a day and the
 * deliberation that decided it; an adhesion also records the legal population and its year.
 */
export function DecisionForm({
  kind,
  member,
  onDone,
}: {
  kind: 'adhesion' | 'withdrawal'
  member: MemberJson
  onDone: (saved: boolean) => void
}) {
  const { t } = useTranslation()
  const adhesion = useRecordAdhesion(member.id)
  const withdrawal = useRecordWithdrawal(member.id)
  const dateName = kind === 'adhesion' ? 'adheredOn' : 'withdrawnOn'
  const errors = useFormErrors([dateName, 'population', 'populationYear', ...DELIBERATION_FIELDS])
  const a = kind === 'adhesion' ? member.adhesion : null
  const [day, setDay] = useState(a?.adheredOn ?? '')
  const [population, setPopulation] = useState(a ? String(a.population) : '')
  const [populationYear, setPopulationYear] = useState(a ? String(a.populationYear) : '')
  const deliberation = useDeliberation(a?.deliberation)
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    try {
      if (kind === 'adhesion')
        await adhesion.mutateAsync({
          adheredOn: day,
          population: Number(population),
          populationYear: Number(populationYear),
          deliberation: deliberation.value,
        })
      else await withdrawal.mutateAsync({ withdrawnOn: day, deliberation: deliberation.value })
      onDone(true)
    } catch (error) {
      errors.fail(error)
    }
  }
  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <FormAlert message={errors.form} />
      <TextField
        name={dateName}
        type="date"
        label={t(`${M}.${dateName}Label`)}
        value={day}
        onChange={setDay}
        isRequired
      />
      <DeliberationFields deliberation={deliberation} />
      {kind === 'adhesion' && (
        <>
          <TextField
            name="population"
            label={t(`${M}.population`)}
            value={population}
            onChange={setPopulation}
            inputMode="numeric"
            isRequired
          />
          <TextField
            name="populationYear"
            label={t(`${M}.populationYear`)}
            value={populationYear}
            onChange={setPopulationYear}
            inputMode="numeric"
            isRequired
          />
        </>
      )}
      <FormButtons
        submitLabel={t(`${M}.save`)}
        isPending={adhesion.isPending || withdrawal.isPending}
        onCancel={() => onDone(false)}
      />
    </Form>
  )
}

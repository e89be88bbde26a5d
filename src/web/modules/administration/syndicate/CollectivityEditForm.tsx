import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Form } from '../../../ui/Form.tsx'
import { useFormErrors } from '../../../ui/form-errors.ts'
import { TextField } from '../../../ui/TextField.tsx'
import { FormAlert, FormButtons } from '../components/FormParts.tsx'
import { type CollectivityRow, useEditCollectivity } from './api.ts'
import { parseCommuneCodes, parsePopulation } from './collectivity-fields.ts'

const FIELDS = ['name', 'communeCodes', 'population'] as const

/** Changes what may change of a collectivity: its name, the communes it covers, its population. */
export function CollectivityEditForm({
  collectivity,
  onDone,
}: {
  collectivity: CollectivityRow
  onDone: (saved: boolean) => void
}) {
  const { t } = useTranslation()
  const edit = useEditCollectivity()
  const errors = useFormErrors(FIELDS)
  const [name, setName] = useState(collectivity.name)
  const [communeCodes, setCommuneCodes] = useState(collectivity.communeCodes.join(', '))
  const [population, setPopulation] = useState(collectivity.population?.toString() ?? '')
  const k = 'administration.syndicate.collectivities' as const

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    try {
      await edit.mutateAsync({
        id: collectivity.id,
        name,
        communeCodes: parseCommuneCodes(communeCodes),
        population: parsePopulation(population) ?? null,
      })
      onDone(true)
    } catch (error) {
      errors.fail(error)
    }
  }

  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <h3>{t(`${k}.editTitle`, { name: collectivity.name })}</h3>
      <FormAlert message={errors.form} />
      <TextField
        name="name"
        label={t(`${k}.name`)}
        value={name}
        onChange={errors.changing('name', setName)}
        isRequired
      />
      <TextField
        name="communeCodes"
        label={t(`${k}.communeCodes`)}
        description={t(`${k}.communeCodesHint`)}
        value={communeCodes}
        onChange={errors.changing('communeCodes', setCommuneCodes)}
      />
      <TextField
        name="population"
        label={t(`${k}.population`)}
        description={t(`${k}.optional`)}
        value={population}
        onChange={errors.changing('population', setPopulation)}
        validate={(value) => (parsePopulation(value) === null ? t(`${k}.populationInvalid`) : null)}
      />
      <FormButtons
        submitLabel={t('administration.common.save')}
        isPending={edit.isPending}
        onCancel={() => onDone(false)}
      />
    </Form>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { TextField } from '../../ui/TextField.tsx'

export type Deliberation = { reference: string; date: string }

/** The state of a deliberation's two fields (its number and its date). */
export function useDeliberation(initial?: Deliberation | null) {
  const [reference, setReference] = useState(initial?.reference ?? '')
  const [date, setDate] = useState(initial?.date ?? '')
  return { value: { reference, date }, setReference, setDate }
}

/**
 * The deliberation that decided something (an adhesion, a withdrawal, a contribution rule): its number
 * as printed in the register and its date. Named `deliberation.*` as the API names them, so its
 * French refusals land under the right field.
 */
export function DeliberationFields({ deliberation }: { deliberation: ReturnType<typeof useDeliberation> }) {
  const { t } = useTranslation()
  return (
    <>
      <TextField
        name="deliberation.reference"
        label={t('backOffice.members.deliberationNumber')}
        description={t('backOffice.members.deliberationNumberHint')}
        value={deliberation.value.reference}
        onChange={deliberation.setReference}
        isRequired
      />
      <TextField
        name="deliberation.date"
        type="date"
        label={t('backOffice.members.deliberationDate')}
        value={deliberation.value.date}
        onChange={deliberation.setDate}
        isRequired
      />
    </>
  )
}

export const DELIBERATION_FIELDS = ['deliberation.reference', 'deliberation.date'] as const

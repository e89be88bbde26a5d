import { useState } from 'react'
import { useParams } from 'react-router'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { Card } from '../../ui/Card.tsx'
import { Checkbox } from '../../ui/Checkbox.tsx'
import { RadioGroupField } from '../../ui/ChoiceGroup.tsx'
import { ErrorMessage, useErrorText } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { TextField } from '../../ui/TextField.tsx'
import { type BodyJson, useBody, useEditBody } from './api.ts'
import { DelegatesSection } from './DelegatesSection.tsx'
import { GovernanceFrame } from './GovernanceFrame.tsx'

const CRUMBS = [{ href: '/syndicat/comite', label: 'Séances du comité syndical' }]

/** A body of the syndicate: the rules of its statutes (CGCT by default) and its delegates. */
export function BodyPage() {
  const { bodyId = '' } = useParams()
  const body = useBody(bodyId)
  return (
    <GovernanceFrame
      title={body.data ? `${body.data.name} : règles et délégués` : 'Instance'}
      crumbs={CRUMBS}
    >
      {body.isPending ? (
        <LoadingState />
      ) : body.isError ? (
        <ErrorMessage error={body.error} onRetry={() => body.refetch()} />
      ) : (
        <>
          <RulesForm key={JSON.stringify(body.data.rules)} body={body.data} />
          <DelegatesSection body={body.data} />
        </>
      )}
    </GovernanceFrame>
  )
}

const NUMBERS = [
  { key: 'proxiesPerHolder', label: 'Pouvoirs détenus par un membre présent' },
  { key: 'proxyValidityMeetings', label: 'Validité d’un pouvoir (séances consécutives)' },
  { key: 'convocationClearDays', label: 'Délai de convocation (jours francs)' },
  { key: 'emergencyClearDays', label: 'Délai en cas d’urgence (jours francs)' },
  { key: 'secondConvocationClearDays', label: 'Délai d’une seconde convocation (jours francs)' },
] as const
type NumberKey = (typeof NUMBERS)[number]['key']

function RulesForm({ body }: { body: BodyJson }) {
  const edit = useEditBody(body.id)
  const errorText = useErrorText()
  const canManage = body.allowedActions.includes('governance.manage')
  const [name, setName] = useState(body.name)
  const [quorumBase, setQuorumBase] = useState<string>(body.rules.quorumBase)
  const [quorumShare, setQuorumShare] = useState<string>(body.rules.quorumShare)
  const [casting, setCasting] = useState(body.rules.presidentHasCastingVote)
  const [numbers, setNumbers] = useState<Record<NumberKey, string>>(
    Object.fromEntries(NUMBERS.map((n) => [n.key, String(body.rules[n.key])])) as Record<NumberKey, string>,
  )
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    // An empty field is sent as null: the server says which number is missing.
    const values = Object.fromEntries(
      NUMBERS.map((n) => [n.key, numbers[n.key].trim() === '' ? null : Number(numbers[n.key])]),
    ) as Record<NumberKey, number>
    edit.mutate({
      name,
      quorumBase: quorumBase as 'present',
      quorumShare: quorumShare as 'majority',
      presidentHasCastingVote: casting,
      ...values,
    })
  }
  return (
    <Card as="section" aria-labelledby="rules">
      <h2 id="rules">Règles de l’instance</h2>
      <p>
        Les règles des statuts ; à défaut, celles du Code général des collectivités territoriales. Un régime
        transitoire fixé par la loi (2020–2022) s’applique de lui-même aux séances de sa période.
      </p>
      <Form onSubmit={onSubmit} aria-label="Règles de l’instance" className="admin-form">
        <TextField
          label="Nom de l’instance"
          value={name}
          onChange={setName}
          isRequired
          isDisabled={!canManage}
        />
        <RadioGroupField
          label="Base du quorum"
          value={quorumBase}
          onChange={setQuorumBase}
          choices={[
            { value: 'present', label: 'Membres présents', hint: 'Le droit commun (CGCT)' },
            { value: 'present_or_represented', label: 'Membres présents ou représentés' },
          ]}
        />
        <RadioGroupField
          label="Quorum requis"
          value={quorumShare}
          onChange={setQuorumShare}
          choices={[
            { value: 'majority', label: 'La majorité des membres en exercice' },
            { value: 'one_third', label: 'Le tiers des membres en exercice' },
          ]}
        />
        <div className="gov-rules">
          {NUMBERS.map((n) => (
            <TextField
              key={n.key}
              label={n.label}
              type="number"
              inputMode="numeric"
              value={numbers[n.key]}
              onChange={(value) => setNumbers((v) => ({ ...v, [n.key]: value }))}
              isDisabled={!canManage}
            />
          ))}
        </div>
        <Checkbox isSelected={casting} onChange={setCasting} isDisabled={!canManage}>
          Voix prépondérante du président en cas de partage (sauf scrutin secret)
        </Checkbox>
        {edit.isError && (
          <p role="alert" className="field__error">
            {errorText(edit.error)}
          </p>
        )}
        {edit.isSuccess && <p role="status">Règles enregistrées.</p>}
        {canManage && (
          <BusyButton type="submit" variant="primary" isBusy={edit.isPending}>
            Enregistrer les règles
          </BusyButton>
        )}
      </Form>
    </Card>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { Card } from '../../ui/Card.tsx'
import { Checkbox } from '../../ui/Checkbox.tsx'
import { RadioGroupField } from '../../ui/ChoiceGroup.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { useFormErrors } from '../../ui/form-errors.ts'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { TextField } from '../../ui/TextField.tsx'
import { FormAlert } from '../administration/components/FormParts.tsx'
import { type BodyJson, useBody, useEditBody } from './api.ts'
import { DelegatesSection } from './DelegatesSection.tsx'
import { GovernanceFrame } from './GovernanceFrame.tsx'

/** A body of the syndicate: the rules of its statutes (CGCT by default) and its delegates. */
export function BodyPage() {
  const { bodyId = '' } = useParams()
  const { t } = useTranslation()
  const body = useBody(bodyId)
  return (
    <GovernanceFrame
      title={
        body.data ? t('governance.body.title', { name: body.data.name }) : t('governance.body.fallbackTitle')
      }
      crumbs={[{ href: '/syndicat/comite', label: t('governance.meetings.title') }]}
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
  { key: 'proxiesPerHolder' },
  { key: 'proxyValidityMeetings' },
  { key: 'convocationClearDays' },
  { key: 'emergencyClearDays' },
  { key: 'secondConvocationClearDays' },
] as const
type NumberKey = (typeof NUMBERS)[number]['key']
const RULE_FIELDS = ['name', 'quorumBase', 'quorumShare', ...NUMBERS.map((n) => n.key)]

function RulesForm({ body }: { body: BodyJson }) {
  const { t } = useTranslation()
  const edit = useEditBody(body.id)
  const errors = useFormErrors(RULE_FIELDS)
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
    errors.clear()
    edit.mutate(
      {
        name,
        quorumBase: quorumBase as 'present',
        quorumShare: quorumShare as 'majority',
        presidentHasCastingVote: casting,
        ...values,
      },
      { onError: errors.fail },
    )
  }
  return (
    <Card as="section" aria-labelledby="rules">
      <h2 id="rules">{t('governance.body.rules.heading')}</h2>
      <p>{t('governance.body.rules.intro')}</p>
      <Form
        onSubmit={onSubmit}
        validationErrors={errors.fields}
        aria-label={t('governance.body.rules.form')}
        className="admin-form"
      >
        <FormAlert message={errors.form} />
        <TextField
          label={t('governance.body.rules.name')}
          name="name"
          value={name}
          onChange={errors.changing('name', setName)}
          isRequired
          isDisabled={!canManage}
        />
        <RadioGroupField
          label={t('governance.body.rules.quorumBase')}
          value={quorumBase}
          onChange={setQuorumBase}
          choices={[
            {
              value: 'present',
              label: t('governance.body.rules.basePresent'),
              hint: t('governance.body.rules.basePresentHint'),
            },
            { value: 'present_or_represented', label: t('governance.body.rules.baseRepresented') },
          ]}
        />
        <RadioGroupField
          label={t('governance.body.rules.quorumShare')}
          value={quorumShare}
          onChange={setQuorumShare}
          choices={[
            { value: 'majority', label: t('governance.body.rules.shareMajority') },
            { value: 'one_third', label: t('governance.body.rules.shareThird') },
          ]}
        />
        <div className="gov-rules">
          {NUMBERS.map((n) => (
            <TextField
              key={n.key}
              label={t(`governance.body.rules.${n.key}`)}
              type="number"
              inputMode="numeric"
              name={n.key}
              value={numbers[n.key]}
              onChange={errors.changing(n.key, (value: string) =>
                setNumbers((v) => ({ ...v, [n.key]: value })),
              )}
              isDisabled={!canManage}
            />
          ))}
        </div>
        <Checkbox isSelected={casting} onChange={setCasting} isDisabled={!canManage}>
          {t('governance.body.rules.castingVote')}
        </Checkbox>
        {edit.isSuccess && <p role="status">{t('governance.body.rules.saved')}</p>}
        {canManage && (
          <BusyButton type="submit" variant="primary" isBusy={edit.isPending}>
            {t('governance.body.rules.save')}
          </BusyButton>
        )}
      </Form>
    </Card>
  )
}

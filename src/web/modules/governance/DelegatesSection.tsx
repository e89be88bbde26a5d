import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { Button } from '../../ui/Button.tsx'
import { Card } from '../../ui/Card.tsx'
import { Checkbox } from '../../ui/Checkbox.tsx'
import { Form } from '../../ui/Form.tsx'
import { useFormErrors } from '../../ui/form-errors.ts'
import { SelectField } from '../../ui/SelectField.tsx'
import { TableScroll } from '../../ui/TableScroll.tsx'
import { TextField } from '../../ui/TextField.tsx'
import { FormAlert } from '../administration/components/FormParts.tsx'
import { type BodyJson, type DelegateJson, formatDate, useSaveDelegate } from './api.ts'

type Draft = {
  memberName: string
  civility: 'M.' | 'Mme'
  firstName: string
  lastName: string
  email: string
  wantsPaper: boolean
  seat: 'titulaire' | 'suppleant'
  mandateStart: string
  mandateEnd: string
  weight: string
}
const EMPTY: Draft = {
  memberName: '',
  civility: 'Mme',
  firstName: '',
  lastName: '',
  email: '',
  wantsPaper: false,
  seat: 'titulaire',
  mandateStart: '',
  mandateEnd: '',
  weight: '1',
}
const draftOf = (d: DelegateJson): Draft => ({
  ...d,
  email: d.email ?? '',
  mandateEnd: d.mandateEnd ?? '',
  weight: String(d.weight),
})

/** The delegates of a body by member collectivity: titulaires and suppléants, mandates, voting weight. */
export function DelegatesSection({ body }: { body: BodyJson }) {
  const { t } = useTranslation()
  const canManage = body.allowedActions.includes('governance.manage')
  const [editing, setEditing] = useState<{ id: string | null; draft: Draft }>({ id: null, draft: EMPTY })
  return (
    <section aria-labelledby="delegates">
      <h2 id="delegates">{t('governance.body.delegates.heading', { count: body.delegates.length })}</h2>
      <TableScroll caption={t('governance.body.delegates.caption')}>
        <thead>
          <tr>
            <th scope="col">{t('governance.body.delegates.member')}</th>
            <th scope="col">{t('governance.body.delegates.delegate')}</th>
            <th scope="col">{t('governance.body.delegates.seat')}</th>
            <th scope="col">{t('governance.body.delegates.mandate')}</th>
            <th scope="col">{t('governance.body.delegates.weight')}</th>
            {canManage && <th scope="col">{t('governance.body.delegates.edit')}</th>}
          </tr>
        </thead>
        <tbody>
          {body.delegates.map((d) => (
            <tr key={d.id}>
              <td>{d.memberName}</td>
              <td>
                {d.civility} {d.firstName} {d.lastName}
              </td>
              <td>{t(`governance.body.delegates.${d.seat}`)}</td>
              <td>
                {t('governance.body.delegates.since', { date: formatDate(d.mandateStart) })}
                {d.mandateEnd ? t('governance.body.delegates.until', { date: formatDate(d.mandateEnd) }) : ''}
              </td>
              <td>{d.weight}</td>
              {canManage && (
                <td>
                  <Button
                    variant="secondary"
                    aria-label={t('governance.body.delegates.editLabel', {
                      name: `${d.firstName} ${d.lastName}`,
                    })}
                    onPress={() => setEditing({ id: d.id, draft: draftOf(d) })}
                  >
                    {t('governance.body.delegates.edit')}
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </TableScroll>
      {canManage && (
        <DelegateForm
          key={editing.id ?? 'new'}
          bodyId={body.id}
          delegateId={editing.id}
          initial={editing.draft}
          onDone={() => setEditing({ id: null, draft: EMPTY })}
        />
      )}
    </section>
  )
}

const DELEGATE_FIELDS = [
  'memberName',
  'civility',
  'firstName',
  'lastName',
  'email',
  'seat',
  'mandateStart',
  'mandateEnd',
  'weight',
]

function DelegateForm(props: {
  bodyId: string
  delegateId: string | null
  initial: Draft
  onDone: () => void
}) {
  const { t } = useTranslation()
  const save = useSaveDelegate(props.bodyId)
  const errors = useFormErrors(DELEGATE_FIELDS)
  const [draft, setDraft] = useState<Draft>(props.initial)
  const set = (key: keyof Draft) =>
    errors.changing(key, (value: string | boolean) => setDraft((d) => ({ ...d, [key]: value })))
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    save.mutate(
      {
        delegateId: props.delegateId,
        ...draft,
        email: draft.email.trim() || null,
        mandateEnd: draft.mandateEnd || null,
        weight: Number(draft.weight),
      },
      { onSuccess: props.onDone, onError: errors.fail },
    )
  }
  const title = t(
    props.delegateId ? 'governance.body.delegates.editTitle' : 'governance.body.delegates.addTitle',
  )
  return (
    <Card as="section" aria-label={title}>
      <h3>{title}</h3>
      <Form onSubmit={onSubmit} validationErrors={errors.fields} aria-label={title} className="admin-form">
        <FormAlert message={errors.form} />
        <TextField
          label={t('governance.body.delegates.member')}
          value={draft.memberName}
          name="memberName"
          onChange={set('memberName')}
          isRequired
        />
        <div className="gov-rules">
          <SelectField
            label={t('governance.body.delegates.civility')}
            value={draft.civility}
            options={[
              { value: 'Mme', label: 'Mme' },
              { value: 'M.', label: 'M.' },
            ]}
            name="civility"
            onChange={set('civility')}
          />
          <TextField
            label={t('governance.body.delegates.firstName')}
            value={draft.firstName}
            name="firstName"
            onChange={set('firstName')}
            isRequired
          />
          <TextField
            label={t('governance.body.delegates.lastName')}
            value={draft.lastName}
            name="lastName"
            onChange={set('lastName')}
            isRequired
          />
          <TextField
            label={t('governance.body.delegates.email')}
            type="email"
            value={draft.email}
            name="email"
            onChange={set('email')}
          />
          <SelectField
            label={t('governance.body.delegates.seat')}
            value={draft.seat}
            options={[
              { value: 'titulaire', label: t('governance.body.delegates.titulaire') },
              { value: 'suppleant', label: t('governance.body.delegates.suppleant') },
            ]}
            name="seat"
            onChange={set('seat')}
          />
          <TextField
            label={t('governance.body.delegates.mandateStart')}
            type="date"
            value={draft.mandateStart}
            name="mandateStart"
            onChange={set('mandateStart')}
            isRequired
          />
          <TextField
            label={t('governance.body.delegates.mandateEnd')}
            type="date"
            value={draft.mandateEnd}
            name="mandateEnd"
            onChange={set('mandateEnd')}
          />
          <TextField
            label={t('governance.body.delegates.weightLabel')}
            type="number"
            inputMode="numeric"
            value={draft.weight}
            name="weight"
            onChange={set('weight')}
          />
        </div>
        <Checkbox isSelected={draft.wantsPaper} name="wantsPaper" onChange={set('wantsPaper')}>
          {t('governance.body.delegates.paper')}
        </Checkbox>
        <div className="gov-actions">
          <BusyButton type="submit" variant="primary" isBusy={save.isPending}>
            {t(props.delegateId ? 'governance.body.delegates.saveEdit' : 'governance.body.delegates.saveNew')}
          </BusyButton>
          {props.delegateId && (
            <Button variant="secondary" onPress={props.onDone}>
              {t('governance.body.delegates.cancel')}
            </Button>
          )}
        </div>
      </Form>
    </Card>
  )
}

import { useState } from 'react'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { Button } from '../../ui/Button.tsx'
import { Card } from '../../ui/Card.tsx'
import { Checkbox } from '../../ui/Checkbox.tsx'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { SelectField } from '../../ui/SelectField.tsx'
import { TableScroll } from '../../ui/TableScroll.tsx'
import { TextField } from '../../ui/TextField.tsx'
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
  const canManage = body.allowedActions.includes('governance.manage')
  const [editing, setEditing] = useState<{ id: string | null; draft: Draft }>({ id: null, draft: EMPTY })
  return (
    <section aria-labelledby="delegates">
      <h2 id="delegates">Délégués ({body.delegates.length})</h2>
      <TableScroll caption="Délégués de l’instance">
        <thead>
          <tr>
            <th scope="col">Collectivité membre</th>
            <th scope="col">Délégué</th>
            <th scope="col">Siège</th>
            <th scope="col">Mandat</th>
            <th scope="col">Voix</th>
            {canManage && <th scope="col">Modifier</th>}
          </tr>
        </thead>
        <tbody>
          {body.delegates.map((d) => (
            <tr key={d.id}>
              <td>{d.memberName}</td>
              <td>
                {d.civility} {d.firstName} {d.lastName}
              </td>
              <td>{d.seat === 'titulaire' ? 'Titulaire' : 'Suppléant'}</td>
              <td>
                depuis le {formatDate(d.mandateStart)}
                {d.mandateEnd ? `, jusqu’au ${formatDate(d.mandateEnd)}` : ''}
              </td>
              <td>{d.weight}</td>
              {canManage && (
                <td>
                  <Button
                    variant="secondary"
                    aria-label={`Modifier ${d.firstName} ${d.lastName}`}
                    onPress={() => setEditing({ id: d.id, draft: draftOf(d) })}
                  >
                    Modifier
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

function DelegateForm(props: {
  bodyId: string
  delegateId: string | null
  initial: Draft
  onDone: () => void
}) {
  const save = useSaveDelegate(props.bodyId)
  const errorText = useErrorText()
  const [draft, setDraft] = useState<Draft>(props.initial)
  const set = (key: keyof Draft) => (value: string | boolean) => setDraft((d) => ({ ...d, [key]: value }))
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    save.mutate(
      {
        delegateId: props.delegateId,
        ...draft,
        email: draft.email.trim() || null,
        mandateEnd: draft.mandateEnd || null,
        weight: Number(draft.weight),
      },
      { onSuccess: props.onDone },
    )
  }
  const title = props.delegateId ? 'Modifier le délégué' : 'Ajouter un délégué'
  return (
    <Card as="section" aria-label={title}>
      <h3>{title}</h3>
      <Form onSubmit={onSubmit} aria-label={title} className="admin-form">
        <TextField
          label="Collectivité membre"
          value={draft.memberName}
          onChange={set('memberName')}
          isRequired
        />
        <div className="gov-rules">
          <SelectField
            label="Civilité"
            value={draft.civility}
            options={[
              { value: 'Mme', label: 'Mme' },
              { value: 'M.', label: 'M.' },
            ]}
            onChange={set('civility')}
          />
          <TextField label="Prénom" value={draft.firstName} onChange={set('firstName')} isRequired />
          <TextField label="Nom" value={draft.lastName} onChange={set('lastName')} isRequired />
          <TextField label="Adresse e-mail" type="email" value={draft.email} onChange={set('email')} />
          <SelectField
            label="Siège"
            value={draft.seat}
            options={[
              { value: 'titulaire', label: 'Titulaire' },
              { value: 'suppleant', label: 'Suppléant' },
            ]}
            onChange={set('seat')}
          />
          <TextField
            label="Début du mandat"
            type="date"
            value={draft.mandateStart}
            onChange={set('mandateStart')}
            isRequired
          />
          <TextField
            label="Fin du mandat"
            type="date"
            value={draft.mandateEnd}
            onChange={set('mandateEnd')}
          />
          <TextField
            label="Nombre de voix"
            type="number"
            inputMode="numeric"
            value={draft.weight}
            onChange={set('weight')}
          />
        </div>
        <Checkbox isSelected={draft.wantsPaper} onChange={set('wantsPaper')}>
          Convocations sur papier
        </Checkbox>
        {save.isError && (
          <p role="alert" className="field__error">
            {errorText(save.error)}
          </p>
        )}
        <div className="gov-actions">
          <BusyButton type="submit" variant="primary" isBusy={save.isPending}>
            {props.delegateId ? 'Enregistrer le délégué' : 'Ajouter le délégué'}
          </BusyButton>
          {props.delegateId && (
            <Button variant="secondary" onPress={props.onDone}>
              Annuler
            </Button>
          )}
        </div>
      </Form>
    </Card>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { DEPLOYMENT_STATUSES, type DeploymentStatus } from '../../../contract/members.ts'
import { ConfirmButton } from '../../ui/ConfirmButton.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { useFormErrors } from '../../ui/form-errors.ts'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { SelectField } from '../../ui/SelectField.tsx'
import { TableScroll } from '../../ui/TableScroll.tsx'
import { TextField } from '../../ui/TextField.tsx'
import { AddPanel } from '../administration/components/AddPanel.tsx'
import { FormAlert, FormButtons, useNotice } from '../administration/components/FormParts.tsx'
import { SyndicatePage } from '../administration/syndicate/SyndicatePage.tsx'
import { MemberCalls } from '../contributions/MemberCalls.tsx'
import {
  type MemberJson,
  type SchoolJson,
  useAddContact,
  useMember,
  useRemoveContact,
  useSetDeploymentStatus,
} from './api.ts'
import { DecisionForm } from './DecisionForm.tsx'
import { StatusTag } from './StatusTag.tsx'
import { useDay } from './use-day.ts'
import './members.css'

const M = 'backOffice.members' as const
const today = () => new Date().toISOString().slice(0, 10)

/** A member: its adhesion and the deliberations, its contacts, its schools' deployment with history. */
export function MemberPage() {
  const { t } = useTranslation()
  const { memberId = '' } = useParams()
  const member = useMember(memberId)
  return (
    <SyndicatePage
      title={member.data?.name ?? t(`${M}.title`)}
      crumbs={[{ href: '/syndicat/adhesions', label: t(`${M}.title`) }]}
    >
      {() =>
        member.isPending ? (
          <LoadingState />
        ) : member.isError ? (
          <ErrorMessage error={member.error} onRetry={() => member.refetch()} />
        ) : (
          <Member member={member.data} />
        )
      }
    </SyndicatePage>
  )
}

function Member({ member }: { member: MemberJson }) {
  const { t } = useTranslation()
  const { notice, say } = useNotice()
  const day = useDay()
  const canManage = member.allowedActions.includes('members.manage')
  const adhesion = member.adhesion
  return (
    <>
      {notice}
      <dl className="member-facts">
        <dt>{t(`${M}.siren`)}</dt>
        <dd>{member.siren}</dd>
        <dt>{t(`${M}.inseeCodes`)}</dt>
        <dd>{member.inseeCodes.join(', ') || '—'}</dd>
        <dt>{t(`${M}.adhesion`)}</dt>
        <dd>
          {adhesion
            ? t(`${M}.adhesionLine`, {
                date: day(adhesion.adheredOn),
                reference: adhesion.deliberation.reference,
                on: day(adhesion.deliberation.date),
              })
            : t(`${M}.notMember`)}
        </dd>
        {adhesion && (
          <>
            <dt>{t(`${M}.population`)}</dt>
            <dd>
              {t(`${M}.populationOf`, {
                population: adhesion.population.toLocaleString('fr-FR'),
                year: adhesion.populationYear,
              })}
            </dd>
          </>
        )}
        {adhesion?.withdrawnOn && adhesion.withdrawalDeliberation && (
          <>
            <dt>{t(`${M}.withdrawal`)}</dt>
            <dd>
              {t(`${M}.adhesionLine`, {
                date: day(adhesion.withdrawnOn),
                reference: adhesion.withdrawalDeliberation.reference,
                on: day(adhesion.withdrawalDeliberation.date),
              })}
            </dd>
          </>
        )}
      </dl>
      {canManage && (
        <div className="rule-actions">
          <AddPanel label={t(`${M}.recordAdhesion`)} title={t(`${M}.recordAdhesion`)}>
            {(close) => (
              <DecisionForm
                kind="adhesion"
                member={member}
                onDone={(saved) => {
                  close()
                  if (saved) say(t(`${M}.saved`))
                }}
              />
            )}
          </AddPanel>
          {adhesion && (
            <AddPanel label={t(`${M}.recordWithdrawal`)} title={t(`${M}.recordWithdrawal`)}>
              {(close) => (
                <DecisionForm
                  kind="withdrawal"
                  member={member}
                  onDone={(saved) => {
                    close()
                    if (saved) say(t(`${M}.saved`))
                  }}
                />
              )}
            </AddPanel>
          )}
        </div>
      )}
      <Contacts member={member} canManage={canManage && adhesion !== null} />
      <MemberCalls memberId={member.id} />
      <h2>{t(`${M}.schoolsTitle`)}</h2>
      <Schools member={member} canManage={canManage} />
    </>
  )
}

function Contacts({ member, canManage }: { member: MemberJson; canManage: boolean }) {
  const { t } = useTranslation()
  const remove = useRemoveContact(member.id)
  return (
    <>
      <h2>{t(`${M}.contactsTitle`)}</h2>
      {member.contacts.length === 0 ? (
        <p className="empty-state">{t(`${M}.noContact`)}</p>
      ) : (
        <ul className="card-list">
          {member.contacts.map((contact) => (
            <li key={contact.id} className="item-card card">
              <strong>{contact.name}</strong> — {contact.role}
              {contact.email && (
                <>
                  {' · '}
                  <a className="link" href={`mailto:${contact.email}`}>
                    {contact.email}
                  </a>
                </>
              )}
              {contact.phone && ` · ${contact.phone}`}
              {canManage && (
                <ConfirmButton
                  title={t(`${M}.removeContact`)}
                  message={t(`${M}.removeContactConfirm`, { name: contact.name })}
                  confirmLabel={t(`${M}.removeContact`)}
                  onConfirm={() => remove.mutateAsync(contact.id)}
                  variant="secondary"
                >
                  {t(`${M}.removeContactOf`, { name: contact.name })}
                </ConfirmButton>
              )}
            </li>
          ))}
        </ul>
      )}
      {canManage && (
        <AddPanel label={t(`${M}.addContact`)} title={t(`${M}.addContact`)}>
          {(close) => <ContactForm memberId={member.id} onDone={close} />}
        </AddPanel>
      )}
    </>
  )
}

function ContactForm({ memberId, onDone }: { memberId: string; onDone: () => void }) {
  const { t } = useTranslation()
  const add = useAddContact(memberId)
  const errors = useFormErrors(['name', 'role', 'email', 'phone'])
  const [name, setName] = useState('')
  const [role, setRole] = useState('')
  const [email, setEmail] = useState('')
  const [phone, setPhone] = useState('')
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    try {
      await add.mutateAsync({ name, role, email: email.trim() || null, phone: phone.trim() || null })
      onDone()
    } catch (error) {
      errors.fail(error)
    }
  }
  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <FormAlert message={errors.form} />
      <TextField name="name" label={t(`${M}.contactName`)} value={name} onChange={setName} isRequired />
      <TextField name="role" label={t(`${M}.contactRole`)} value={role} onChange={setRole} isRequired />
      <TextField name="email" type="email" label={t(`${M}.contactEmail`)} value={email} onChange={setEmail} />
      <TextField name="phone" type="tel" label={t(`${M}.contactPhone`)} value={phone} onChange={setPhone} />
      <FormButtons submitLabel={t(`${M}.addContact`)} isPending={add.isPending} onCancel={onDone} />
    </Form>
  )
}

function Schools({ member, canManage }: { member: MemberJson; canManage: boolean }) {
  const { t } = useTranslation()
  const day = useDay()
  if (member.schoolList.length === 0) return <p className="empty-state">{t(`${M}.noSchool`)}</p>
  return (
    <TableScroll caption={t(`${M}.schoolsCaption`, { name: member.name })}>
      <thead>
        <tr>
          <th scope="col">{t(`${M}.school`)}</th>
          <th scope="col">{t(`${M}.uai`)}</th>
          <th scope="col">{t(`${M}.status`)}</th>
          <th scope="col">{t(`${M}.history`)}</th>
          {canManage && <th scope="col">{t(`${M}.nextStep`)}</th>}
        </tr>
      </thead>
      <tbody>
        {member.schoolList.map((school) => (
          <tr key={school.id}>
            <th scope="row">{school.name}</th>
            <td>{school.uai}</td>
            <td>
              <StatusTag status={school.status} />
            </td>
            <td>
              {school.history.length === 0 ? (
                '—'
              ) : (
                <ol className="deployment-history">
                  {school.history.map((event) => (
                    <li key={`${event.status}-${event.recordedAt}`}>
                      {t(`${M}.historyLine`, {
                        status: t(`backOffice.status.${event.status}`),
                        date: day(event.effectiveOn),
                      })}
                      {event.note ? ` — ${event.note}` : ''}
                    </li>
                  ))}
                </ol>
              )}
            </td>
            {canManage && (
              <td>
                <StatusForm school={school} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </TableScroll>
  )
}

function nextStatuses(current: DeploymentStatus | null): DeploymentStatus[] {
  if (current === null) return [...DEPLOYMENT_STATUSES]
  if (current === 'closed') return ['requested']
  return DEPLOYMENT_STATUSES.slice(DEPLOYMENT_STATUSES.indexOf(current) + 1)
}

function StatusForm({ school }: { school: SchoolJson }) {
  const { t } = useTranslation()
  const save = useSetDeploymentStatus(school.id)
  const errors = useFormErrors(['status', 'effectiveOn'])
  const options = nextStatuses(school.status)
  const [status, setStatus] = useState<string>(options[0] ?? '')
  const [effectiveOn, setEffectiveOn] = useState(today())
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    try {
      await save.mutateAsync({ status: status as DeploymentStatus, effectiveOn, note: null })
    } catch (error) {
      errors.fail(error)
    }
  }
  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form admin-form--compact">
      <FormAlert message={errors.form} />
      <SelectField
        name="status"
        label={t(`${M}.nextStepOf`, { name: school.name })}
        value={status}
        onChange={setStatus}
        options={options.map((value) => ({ value, label: t(`backOffice.status.${value}`) }))}
      />
      <TextField
        name="effectiveOn"
        type="date"
        label={t(`${M}.effectiveOn`)}
        value={effectiveOn}
        onChange={setEffectiveOn}
        isRequired
      />
      <FormButtons submitLabel={t(`${M}.record`)} isPending={save.isPending} />
    </Form>
  )
}

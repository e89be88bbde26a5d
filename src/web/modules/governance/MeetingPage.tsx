import { useState } from 'react'
import { useParams } from 'react-router'
import { Alert } from '../../ui/Alert.tsx'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { Card } from '../../ui/Card.tsx'
import { ErrorMessage, useErrorText } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { TextField } from '../../ui/TextField.tsx'
import { AttendanceSheet } from './AttendanceSheet.tsx'
import { formatDateTime, type Meeting, useAddItem, useMeeting, useSendConvocation } from './api.ts'
import { GovernanceFrame } from './GovernanceFrame.tsx'
import { ItemCard } from './ItemCard.tsx'
import { MovementsCard } from './MovementsCard.tsx'

/** A meeting: its convocation, the roll-call with the quorum computed live, the items and their votes. */
export function MeetingPage() {
  const { meetingId = '' } = useParams()
  const meeting = useMeeting(meetingId)
  const title = meeting.data ? `Séance du ${formatDateTime(meeting.data.heldAt)}` : 'Séance'
  return (
    <GovernanceFrame
      title={title}
      crumbs={[{ href: '/syndicat/comite', label: 'Séances du comité syndical' }]}
    >
      {meeting.isPending ? (
        <LoadingState />
      ) : meeting.isError ? (
        <ErrorMessage error={meeting.error} onRetry={() => meeting.refetch()} />
      ) : (
        <MeetingContent meeting={meeting.data} />
      )}
    </GovernanceFrame>
  )
}

function MeetingContent({ meeting }: { meeting: Meeting }) {
  const canManage = meeting.allowedActions.includes('governance.manage')
  const present = meeting.attendance.filter(
    (l) => l.status === 'present' || l.status === 'substituted',
  ).length
  return (
    <>
      <p>
        {meeting.bodyName}, {meeting.place}. {meeting.membersInOffice} membres en exercice.
        {meeting.regime ? ` ${meeting.regime} : quorum au tiers, deux pouvoirs par membre.` : ''}
        {meeting.secondConvocation
          ? ' Seconde convocation : la séance délibère sans condition de quorum.'
          : ''}
      </p>
      <Convocation meeting={meeting} canManage={canManage} />
      <div className="gov-quorum">
        <Alert
          tone={meeting.quorum.met ? 'success' : 'error'}
          live="polite"
          title={`Quorum : ${meeting.quorum.counted} sur ${meeting.quorum.required} requis`}
        >
          <p>
            {present} présent{present > 1 ? 's' : ''}, {meeting.attendance.length - present} absent
            {meeting.attendance.length - present > 1 ? 's' : ''} ou excusé
            {meeting.attendance.length - present > 1 ? 's' : ''}. {meeting.quorum.sentence}
          </p>
        </Alert>
      </div>
      {meeting.attendanceFlags.map((flag) => (
        <Alert key={flag.field} tone="error" className="gov-flag" title="Écart avec le tableau imprimé">
          <p>{flag.message}</p>
        </Alert>
      ))}
      {meeting.proxyIssues.map((issue) => (
        <Alert key={issue.giverId} tone="error" className="gov-flag" title="Pouvoir non valable">
          <p>{issue.message}</p>
        </Alert>
      ))}
      <AttendanceSheet meeting={meeting} canManage={canManage} />
      {canManage && <MovementsCard meeting={meeting} />}
      <section aria-labelledby="agenda">
        <h2 id="agenda">Ordre du jour et votes</h2>
        <div className="gov-list">
          {meeting.items.map((item) => (
            <ItemCard key={item.id} meeting={meeting} item={item} canManage={canManage} />
          ))}
        </div>
        {canManage && <AddItemForm meetingId={meeting.id} />}
        <p>
          <a href={`/api/governance/meetings/${meeting.id}/proces-verbal.pdf`} download>
            Télécharger le procès-verbal de la séance (PDF)
          </a>
        </p>
      </section>
    </>
  )
}

function Convocation({ meeting, canManage }: { meeting: Meeting; canManage: boolean }) {
  const send = useSendConvocation(meeting.id)
  const errorText = useErrorText()
  return (
    <Card as="section" aria-labelledby="convocation">
      <h2 id="convocation">Convocation</h2>
      {meeting.convocationSentAt ? (
        <p>
          Envoyée {meeting.convocationChannel === 'paper' ? 'sur papier' : 'par e-mail'} le{' '}
          {formatDateTime(meeting.convocationSentAt)}
          {meeting.convocation ? ` : ${meeting.convocation.clearDays} jours francs avant la séance.` : '.'}
        </p>
      ) : meeting.convocationChannel === 'email' ? (
        <p role="status">Les e-mails de convocation partent…</p>
      ) : (
        <p>
          Pas encore envoyée. Le règlement demande {meeting.rules.convocationClearDays} jours francs avant la
          séance.
        </p>
      )}
      {meeting.convocation && !meeting.convocation.ok && (
        <p className="field__error">{meeting.convocation.message}</p>
      )}
      {send.isError && (
        <p role="alert" className="field__error">
          {errorText(send.error)}
        </p>
      )}
      {canManage && !meeting.convocationSentAt && meeting.convocationChannel !== 'email' && (
        <div className="gov-actions">
          <BusyButton variant="primary" onPress={() => send.mutate('email')} isBusy={send.isPending}>
            Envoyer la convocation par e-mail
          </BusyButton>
          <BusyButton variant="secondary" onPress={() => send.mutate('paper')} isBusy={send.isPending}>
            Marquer envoyée sur papier
          </BusyButton>
        </div>
      )}
    </Card>
  )
}

function AddItemForm({ meetingId }: { meetingId: string }) {
  const add = useAddItem(meetingId)
  const errorText = useErrorText()
  const [title, setTitle] = useState('')
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    await add.mutateAsync(title).then(
      () => setTitle(''),
      () => undefined,
    )
  }
  return (
    <Form onSubmit={onSubmit} aria-label="Ajouter un point">
      <TextField label="Nouveau point à l’ordre du jour" value={title} onChange={setTitle} isRequired />
      {add.isError && (
        <p role="alert" className="field__error">
          {errorText(add.error)}
        </p>
      )}
      <BusyButton type="submit" variant="secondary" isBusy={add.isPending}>
        Ajouter le point
      </BusyButton>
    </Form>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
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
  const { t } = useTranslation()
  const meeting = useMeeting(meetingId)
  const title = meeting.data
    ? t('governance.meeting.title', { date: formatDateTime(meeting.data.heldAt) })
    : t('governance.meeting.fallbackTitle')
  return (
    <GovernanceFrame
      title={title}
      crumbs={[{ href: '/syndicat/comite', label: t('governance.meeting.crumb') }]}
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
  const { t } = useTranslation()
  const canManage = meeting.allowedActions.includes('governance.manage')
  const present = meeting.attendance.filter(
    (l) => l.status === 'present' || l.status === 'substituted',
  ).length
  return (
    <>
      <p>
        {t('governance.meeting.intro', {
          body: meeting.bodyName,
          place: meeting.place,
          count: meeting.membersInOffice,
        })}
        {meeting.regime ? t('governance.meeting.regime', { regime: meeting.regime }) : ''}
        {meeting.secondConvocation ? t('governance.meeting.second') : ''}
      </p>
      <Convocation meeting={meeting} canManage={canManage} />
      <div className="gov-quorum">
        <Alert
          tone={meeting.quorum.met ? 'success' : 'error'}
          live="polite"
          title={t('governance.meeting.quorumTitle', {
            counted: meeting.quorum.counted,
            required: meeting.quorum.required,
          })}
        >
          <p>
            {t('governance.meeting.quorumText', {
              present: t('governance.meeting.present', { count: present }),
              away: t('governance.meeting.away', { count: meeting.attendance.length - present }),
              sentence: meeting.quorum.sentence,
            })}
          </p>
        </Alert>
      </div>
      {meeting.attendanceFlags.map((flag) => (
        <Alert key={flag.field} tone="error" className="gov-flag" title={t('governance.meeting.typedFlag')}>
          <p>{flag.message}</p>
        </Alert>
      ))}
      {meeting.proxyIssues.map((issue) => (
        <Alert
          key={issue.giverId}
          tone="error"
          className="gov-flag"
          title={t('governance.meeting.proxyIssue')}
        >
          <p>{issue.message}</p>
        </Alert>
      ))}
      <AttendanceSheet meeting={meeting} canManage={canManage} />
      {canManage && <MovementsCard meeting={meeting} />}
      <section aria-labelledby="agenda">
        <h2 id="agenda">{t('governance.meeting.agenda')}</h2>
        <div className="gov-list">
          {meeting.items.map((item) => (
            <ItemCard key={item.id} meeting={meeting} item={item} canManage={canManage} />
          ))}
        </div>
        {canManage && <AddItemForm meetingId={meeting.id} />}
        <p>
          <a href={`/api/governance/meetings/${meeting.id}/proces-verbal.pdf`} download>
            {t('governance.meeting.minutes')}
          </a>
        </p>
      </section>
    </>
  )
}

function Convocation({ meeting, canManage }: { meeting: Meeting; canManage: boolean }) {
  const { t } = useTranslation()
  const send = useSendConvocation(meeting.id)
  const errorText = useErrorText()
  return (
    <Card as="section" aria-labelledby="convocation">
      <h2 id="convocation">{t('governance.meeting.convocation')}</h2>
      {meeting.convocationSentAt ? (
        <p>
          {t(
            meeting.convocationChannel === 'paper'
              ? 'governance.meeting.sentPaper'
              : 'governance.meeting.sentEmail',
            {
              date: formatDateTime(meeting.convocationSentAt),
            },
          )}
          {meeting.convocation
            ? t('governance.meeting.clearDays', { count: meeting.convocation.clearDays })
            : '.'}
        </p>
      ) : meeting.convocationChannel === 'email' ? (
        <p role="status">{t('governance.meeting.sending')}</p>
      ) : (
        <p>{t('governance.meeting.notSent', { count: meeting.rules.convocationClearDays })}</p>
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
            {t('governance.meeting.sendEmail')}
          </BusyButton>
          <BusyButton variant="secondary" onPress={() => send.mutate('paper')} isBusy={send.isPending}>
            {t('governance.meeting.markPaper')}
          </BusyButton>
        </div>
      )}
    </Card>
  )
}

function AddItemForm({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation()
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
    <Form onSubmit={onSubmit} aria-label={t('governance.meeting.addForm')}>
      <TextField label={t('governance.meeting.newItem')} value={title} onChange={setTitle} isRequired />
      {add.isError && (
        <p role="alert" className="field__error">
          {errorText(add.error)}
        </p>
      )}
      <BusyButton type="submit" variant="secondary" isBusy={add.isPending}>
        {t('governance.meeting.addItem')}
      </BusyButton>
    </Form>
  )
}

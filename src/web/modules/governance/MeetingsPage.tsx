import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { Card } from '../../ui/Card.tsx'
import { ErrorMessage, useErrorText } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { Link } from '../../ui/Link.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { TextField } from '../../ui/TextField.tsx'
import { formatDateTime, useCreateMeeting, useMeetings } from './api.ts'
import { GovernanceFrame } from './GovernanceFrame.tsx'

/** The meetings of the syndicate's bodies, newest first, and the form that prepares the next one. */
export function MeetingsPage() {
  const { t } = useTranslation()
  const meetings = useMeetings()
  return (
    <GovernanceFrame title={t('governance.meetings.title')} intro={t('governance.meetings.intro')}>
      {meetings.isPending ? (
        <LoadingState />
      ) : meetings.isError ? (
        <ErrorMessage error={meetings.error} onRetry={() => meetings.refetch()} />
      ) : (
        <>
          {meetings.data.allowedActions.includes('governance.manage') && <NewMeetingForm />}
          <h2>{t('governance.meetings.all')}</h2>
          {meetings.data.meetings.length === 0 ? (
            <p>{t('governance.meetings.none')}</p>
          ) : (
            <ul className="gov-list">
              {meetings.data.meetings.map((m) => (
                <Card as="li" key={m.id}>
                  <Link href={`/syndicat/comite/seances/${m.id}`}>
                    {t('governance.meetings.link', { body: m.bodyName, date: formatDateTime(m.heldAt) })}
                  </Link>
                  <p>
                    {t('governance.meetings.summary', {
                      place: m.place,
                      items: t('governance.meetings.items', { count: m.items }),
                      convocation: t(
                        !m.convocationSentAt
                          ? 'governance.meetings.toSend'
                          : m.convocationChannel === 'paper'
                            ? 'governance.meetings.sentPaper'
                            : 'governance.meetings.sentEmail',
                      ),
                    })}
                    {m.secondConvocation ? t('governance.meetings.second') : ''}
                  </p>
                </Card>
              ))}
            </ul>
          )}
          <h2>{t('governance.meetings.bodies')}</h2>
          <ul className="gov-chips">
            {meetings.data.bodies.map((b) => (
              <li key={b.id}>
                <Link href={`/syndicat/comite/instances/${b.id}`}>
                  {t('governance.meetings.bodyLink', { name: b.name })}
                </Link>
              </li>
            ))}
          </ul>
          <p>
            <a href="/api/governance/register.csv" download>
              {t('governance.meetings.register')}
            </a>
          </p>
        </>
      )}
    </GovernanceFrame>
  )
}

function NewMeetingForm() {
  const { t } = useTranslation()
  const create = useCreateMeeting()
  const meetings = useMeetings()
  const navigate = useNavigate()
  const errorText = useErrorText()
  const [day, setDay] = useState('')
  const [time, setTime] = useState('17:00')
  const [place, setPlace] = useState<string>(t('governance.meetings.defaultPlace'))
  const [error, setError] = useState<string | null>(null)
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setError(null)
    const heldAt = new Date(`${day}T${time}`)
    if (Number.isNaN(heldAt.getTime())) return setError(t('governance.meetings.badDate'))
    const bodyId = meetings.data?.bodies.find((b) => b.kind === 'comite')?.id
    if (!bodyId) return setError(t('governance.meetings.noBody'))
    try {
      const meeting = await create.mutateAsync({
        bodyId,
        heldAt: heldAt.toISOString(),
        place,
        emergency: false,
      })
      navigate(`/syndicat/comite/seances/${meeting.id}`)
    } catch (failure) {
      setError(errorText(failure))
    }
  }
  return (
    <Card as="section" aria-labelledby="new-meeting">
      <h2 id="new-meeting">{t('governance.meetings.prepare')}</h2>
      <Form onSubmit={onSubmit} className="admin-form">
        {error && (
          <p role="alert" className="field__error">
            {error}
          </p>
        )}
        <TextField
          label={t('governance.meetings.date')}
          type="date"
          value={day}
          onChange={setDay}
          isRequired
        />
        <TextField
          label={t('governance.meetings.time')}
          type="time"
          value={time}
          onChange={setTime}
          isRequired
        />
        <TextField label={t('governance.meetings.place')} value={place} onChange={setPlace} isRequired />
        <BusyButton type="submit" variant="primary" isBusy={create.isPending}>
          {t('governance.meetings.create')}
        </BusyButton>
      </Form>
    </Card>
  )
}

import { useState } from 'react'
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
  const meetings = useMeetings()
  return (
    <GovernanceFrame
      title="Séances du comité syndical"
      intro="Préparez les séances, convoquez les délégués, tenez la feuille de présence et enregistrez les votes : Préau calcule le quorum et les résultats."
    >
      {meetings.isPending ? (
        <LoadingState />
      ) : meetings.isError ? (
        <ErrorMessage error={meetings.error} onRetry={() => meetings.refetch()} />
      ) : (
        <>
          {meetings.data.allowedActions.includes('governance.manage') && <NewMeetingForm />}
          <h2>Toutes les séances</h2>
          {meetings.data.meetings.length === 0 ? (
            <p>Aucune séance n’est encore enregistrée.</p>
          ) : (
            <ul className="gov-list">
              {meetings.data.meetings.map((m) => (
                <Card as="li" key={m.id}>
                  <Link href={`/syndicat/comite/seances/${m.id}`}>
                    {m.bodyName} du {formatDateTime(m.heldAt)}
                  </Link>
                  <p>
                    {m.place} · {m.items} point{m.items > 1 ? 's' : ''} à l’ordre du jour ·{' '}
                    {m.convocationSentAt
                      ? `convocation envoyée${m.convocationChannel === 'paper' ? ' sur papier' : ' par e-mail'}`
                      : 'convocation à envoyer'}
                    {m.secondConvocation ? ' · seconde convocation' : ''}
                  </p>
                </Card>
              ))}
            </ul>
          )}
          <h2>Instances et délégués</h2>
          <ul className="gov-chips">
            {meetings.data.bodies.map((b) => (
              <li key={b.id}>
                <Link href={`/syndicat/comite/instances/${b.id}`}>{b.name} : règles et délégués</Link>
              </li>
            ))}
          </ul>
          <p>
            <a href="/api/governance/register.csv" download>
              Télécharger le registre (CSV au format SCDL « Délibérations »)
            </a>
          </p>
        </>
      )}
    </GovernanceFrame>
  )
}

function NewMeetingForm() {
  const create = useCreateMeeting()
  const meetings = useMeetings()
  const navigate = useNavigate()
  const errorText = useErrorText()
  const [day, setDay] = useState('')
  const [time, setTime] = useState('17:00')
  const [place, setPlace] = useState('au siège du syndicat')
  const [error, setError] = useState<string | null>(null)
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setError(null)
    const heldAt = new Date(`${day}T${time}`)
    if (Number.isNaN(heldAt.getTime())) return setError('Indiquez la date et l’heure de la séance.')
    const bodyId = meetings.data?.bodies.find((b) => b.kind === 'comite')?.id
    if (!bodyId) return setError('Aucune instance n’est encore configurée.')
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
      <h2 id="new-meeting">Préparer une séance</h2>
      <Form onSubmit={onSubmit} className="admin-form">
        {error && (
          <p role="alert" className="field__error">
            {error}
          </p>
        )}
        <TextField label="Date" type="date" value={day} onChange={setDay} isRequired />
        <TextField label="Heure" type="time" value={time} onChange={setTime} isRequired />
        <TextField label="Lieu" value={place} onChange={setPlace} isRequired />
        <BusyButton type="submit" variant="primary" isBusy={create.isPending}>
          Créer la séance
        </BusyButton>
      </Form>
    </Card>
  )
}

import { useState } from 'react'
import { useNavigate, useParams } from 'react-router'
import { Alert } from '../../ui/Alert.tsx'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { Card } from '../../ui/Card.tsx'
import { ErrorMessage, useErrorText } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { TextAreaField } from '../../ui/TextAreaField.tsx'
import { TextField } from '../../ui/TextField.tsx'
import { AnnexesCard } from './AnnexesCard.tsx'
import {
  type DeliberationJson,
  formatDate,
  useDeliberation,
  useDeliberationAction,
  useSaveDeliberation,
} from './api.ts'
import { GovernanceFrame } from './GovernanceFrame.tsx'

const CRUMBS = [{ href: '/syndicat/comite', label: 'Séances du comité syndical' }]
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)

type Text = {
  object: string
  visas: string
  considerants: string
  articles: string
  annexes: string
  classification: string
}
const textOf = (d?: DeliberationJson): Text => ({
  object: d?.object ?? '',
  visas: d?.visas.join('\n') ?? '',
  considerants: d?.considerants.join('\n') ?? '',
  articles: d?.articles.join('\n') ?? '',
  // Annexes with a file are kept by the annexes' card; the text lists only those mentioned without one.
  annexes:
    d?.annexes
      .filter((a) => !a.hasFile)
      .map((a) => a.title)
      .join('\n') ?? '',
  classification: d?.classification ?? '8.1',
})
const bodyOf = (t: Text) => ({
  object: t.object,
  visas: lines(t.visas),
  considerants: lines(t.considerants),
  articles: lines(t.articles),
  annexes: lines(t.annexes),
  classification: t.classification,
})

function DeliberationFields({ text, onChange }: { text: Text; onChange: (t: Text) => void }) {
  const set = (key: keyof Text) => (value: string) => onChange({ ...text, [key]: value })
  return (
    <>
      <TextField label="Objet" value={text.object} onChange={set('object')} isRequired />
      <TextAreaField label="Visas (un par ligne, sans « Vu »)" value={text.visas} onChange={set('visas')} />
      <TextAreaField
        label="Considérants (un par ligne, sans « Considérant »)"
        value={text.considerants}
        onChange={set('considerants')}
      />
      <TextAreaField
        label="Articles (un par ligne)"
        value={text.articles}
        onChange={set('articles')}
        isRequired
      />
      <TextAreaField label="Annexes (un titre par ligne)" value={text.annexes} onChange={set('annexes')} />
      <TextField
        label="Classification des actes"
        description="Par exemple 8.1 (Enseignement) ou 7.6 (Contributions budgétaires)."
        value={text.classification}
        onChange={set('classification')}
      />
    </>
  )
}

/** Writing the deliberation of a voted item: it takes the next number of the year when saved. */
export function NewDeliberationPage() {
  const { itemId = '' } = useParams()
  const save = useSaveDeliberation()
  const navigate = useNavigate()
  const errorText = useErrorText()
  const [text, setText] = useState<Text>(textOf())
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const saved = await save.mutateAsync({ itemId, ...bodyOf(text) }).catch(() => null)
    if (saved) navigate(`/syndicat/comite/deliberations/${saved.id}`)
  }
  return (
    <GovernanceFrame title="Rédiger la délibération" crumbs={CRUMBS}>
      <Form onSubmit={onSubmit} className="admin-form">
        <DeliberationFields text={text} onChange={setText} />
        {save.isError && (
          <p role="alert" className="field__error">
            {errorText(save.error)}
          </p>
        )}
        <BusyButton type="submit" variant="primary" isBusy={save.isPending}>
          Enregistrer et numéroter
        </BusyButton>
      </Form>
    </GovernanceFrame>
  )
}

/** A deliberation: its text, its documents, its publication and its transmission to the prefecture. */
export function DeliberationPage() {
  const { deliberationId = '' } = useParams()
  const deliberation = useDeliberation(deliberationId)
  return (
    <GovernanceFrame
      title={deliberation.data ? `Délibération ${deliberation.data.number}` : 'Délibération'}
      crumbs={CRUMBS}
    >
      {deliberation.isPending ? (
        <LoadingState />
      ) : deliberation.isError ? (
        <ErrorMessage error={deliberation.error} onRetry={() => deliberation.refetch()} />
      ) : (
        <DeliberationContent deliberation={deliberation.data} />
      )}
    </GovernanceFrame>
  )
}

function DeliberationContent({ deliberation: d }: { deliberation: DeliberationJson }) {
  const action = useDeliberationAction(d.id)
  const save = useSaveDeliberation()
  const errorText = useErrorText()
  const [text, setText] = useState<Text>(textOf(d))
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (d.publishedAt) action.mutate({ kind: 'version', body: bodyOf(text) })
    else save.mutate({ itemId: d.itemId, ...bodyOf(text) })
  }
  const failure = action.error ?? save.error
  return (
    <>
      <Card as="section" aria-labelledby="state">
        <h2 id="state">{d.object}</h2>
        {d.wording && (
          <p>
            <strong>{d.wording}</strong>
          </p>
        )}
        <p>
          Version {d.version}
          {d.previousVersions.length
            ? ` (${d.previousVersions.length} version${d.previousVersions.length > 1 ? 's' : ''} précédente${d.previousVersions.length > 1 ? 's' : ''} conservée${d.previousVersions.length > 1 ? 's' : ''})`
            : ''}
          . {d.publishedAt ? `Publiée en ligne le ${formatDate(d.publishedAt)}.` : 'Pas encore publiée.'}{' '}
          {d.transmittedAt
            ? `Transmise au contrôle de légalité le ${formatDate(d.transmittedAt)}.`
            : 'Pas encore transmise à la préfecture.'}
        </p>
        <div className="gov-actions">
          <a href={`/api/governance/deliberations/${d.id}/extrait.pdf`} download>
            Télécharger l’extrait certifié (PDF)
          </a>
          <a href={`/api/governance/deliberations/${d.id}/actes/acte`} download>
            @CTES : description de l’acte (XML)
          </a>
          <a href={`/api/governance/deliberations/${d.id}/actes/enveloppe`} download>
            @CTES : enveloppe (XML)
          </a>
        </div>
        <div className="gov-actions">
          {!d.publishedAt && (
            <BusyButton
              variant="primary"
              onPress={() => action.mutate({ kind: 'publish' })}
              isBusy={action.isPending}
            >
              Publier en ligne
            </BusyButton>
          )}
          {!d.transmittedAt && (
            <BusyButton
              variant="secondary"
              onPress={() => action.mutate({ kind: 'transmit' })}
              isBusy={action.isPending}
            >
              Noter la transmission à la préfecture aujourd’hui
            </BusyButton>
          )}
        </div>
      </Card>
      {failure && (
        <p role="alert" className="field__error">
          {errorText(failure)}
        </p>
      )}
      <AnnexesCard deliberation={d} canManage />
      <h2>{d.publishedAt ? 'Nouvelle version' : 'Texte de la délibération'}</h2>
      {d.publishedAt && (
        <Alert tone="info" title="Délibération publiée">
          <p>
            Une délibération publiée ne se modifie pas : enregistrer crée une nouvelle version, et l’ancienne
            reste au registre.
          </p>
        </Alert>
      )}
      <Form onSubmit={onSubmit} className="admin-form">
        <DeliberationFields text={text} onChange={setText} />
        <BusyButton type="submit" variant="primary" isBusy={action.isPending || save.isPending}>
          {d.publishedAt ? 'Enregistrer une nouvelle version' : 'Enregistrer'}
        </BusyButton>
      </Form>
    </>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
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
  const { t } = useTranslation()
  const set = (key: keyof Text) => (value: string) => onChange({ ...text, [key]: value })
  return (
    <>
      <TextField
        label={t('governance.deliberation.object')}
        value={text.object}
        onChange={set('object')}
        isRequired
      />
      <TextAreaField label={t('governance.deliberation.visas')} value={text.visas} onChange={set('visas')} />
      <TextAreaField
        label={t('governance.deliberation.considerants')}
        value={text.considerants}
        onChange={set('considerants')}
      />
      <TextAreaField
        label={t('governance.deliberation.articles')}
        value={text.articles}
        onChange={set('articles')}
        isRequired
      />
      <TextAreaField
        label={t('governance.deliberation.annexes')}
        value={text.annexes}
        onChange={set('annexes')}
      />
      <TextField
        label={t('governance.deliberation.classification')}
        description={t('governance.deliberation.classificationHint')}
        value={text.classification}
        onChange={set('classification')}
      />
    </>
  )
}

/** Writing the deliberation of a voted item: it takes the next number of the year when saved. */
export function NewDeliberationPage() {
  const { itemId = '' } = useParams()
  const { t } = useTranslation()
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
    <GovernanceFrame
      title={t('governance.deliberation.write')}
      crumbs={[{ href: '/syndicat/comite', label: t('governance.deliberation.crumb') }]}
    >
      <Form onSubmit={onSubmit} className="admin-form">
        <DeliberationFields text={text} onChange={setText} />
        {save.isError && (
          <p role="alert" className="field__error">
            {errorText(save.error)}
          </p>
        )}
        <BusyButton type="submit" variant="primary" isBusy={save.isPending}>
          {t('governance.deliberation.saveAndNumber')}
        </BusyButton>
      </Form>
    </GovernanceFrame>
  )
}

/** A deliberation: its text, its documents, its publication and its transmission to the prefecture. */
export function DeliberationPage() {
  const { deliberationId = '' } = useParams()
  const { t } = useTranslation()
  const deliberation = useDeliberation(deliberationId)
  return (
    <GovernanceFrame
      title={
        deliberation.data
          ? t('governance.deliberation.title', { number: deliberation.data.number })
          : t('governance.deliberation.fallbackTitle')
      }
      crumbs={[{ href: '/syndicat/comite', label: t('governance.deliberation.crumb') }]}
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
  const { t } = useTranslation()
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
          {t('governance.deliberation.version', { version: d.version })}
          {d.previousVersions.length
            ? t('governance.deliberation.previous', { count: d.previousVersions.length })
            : ''}
          {d.publishedAt
            ? t('governance.deliberation.published', { date: formatDate(d.publishedAt) })
            : t('governance.deliberation.notPublished')}{' '}
          {d.transmittedAt
            ? t('governance.deliberation.transmitted', { date: formatDate(d.transmittedAt) })
            : t('governance.deliberation.notTransmitted')}
        </p>
        <div className="gov-actions">
          <a href={`/api/governance/deliberations/${d.id}/extrait.pdf`} download>
            {t('governance.deliberation.extract')}
          </a>
          <a href={`/api/governance/deliberations/${d.id}/actes/acte`} download>
            {t('governance.deliberation.actesAct')}
          </a>
          <a href={`/api/governance/deliberations/${d.id}/actes/enveloppe`} download>
            {t('governance.deliberation.actesEnvelope')}
          </a>
        </div>
        <div className="gov-actions">
          {!d.publishedAt && (
            <BusyButton
              variant="primary"
              onPress={() => action.mutate({ kind: 'publish' })}
              isBusy={action.isPending}
            >
              {t('governance.deliberation.publish')}
            </BusyButton>
          )}
          {!d.transmittedAt && (
            <BusyButton
              variant="secondary"
              onPress={() => action.mutate({ kind: 'transmit' })}
              isBusy={action.isPending}
            >
              {t('governance.deliberation.transmit')}
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
      <h2>{t(d.publishedAt ? 'governance.deliberation.newVersion' : 'governance.deliberation.text')}</h2>
      {d.publishedAt && (
        <Alert tone="info" title={t('governance.deliberation.publishedTitle')}>
          <p>{t('governance.deliberation.publishedText')}</p>
        </Alert>
      )}
      <Form onSubmit={onSubmit} className="admin-form">
        <DeliberationFields text={text} onChange={setText} />
        <BusyButton type="submit" variant="primary" isBusy={action.isPending || save.isPending}>
          {t(d.publishedAt ? 'governance.deliberation.saveVersion' : 'governance.deliberation.save')}
        </BusyButton>
      </Form>
    </>
  )
}

import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link as RouterLink, useNavigate, useParams } from 'react-router'
import type { SystemFolder } from '../../../contract/messaging.ts'
import { Button } from '../../ui/Button.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import {
  attachmentUrl,
  type Message,
  newDraftId,
  startDraftFrom,
  useCancelScheduled,
  useDeleteMessage,
  useFolders,
  useMarkRead,
  useMessage,
  useMove,
  useRecall,
  useReport,
} from './api.ts'
import { fileSize, longDate } from './format.ts'
import { SanitisedHtml } from './SanitisedHtml.tsx'
import './messaging.css'

/** One message: who wrote it, to whom, its text and files; reply, forward, file away, report, recall. */
export function ReadingPage() {
  const { t } = useTranslation()
  const { messageId } = useParams()
  const message = useMessage(messageId)
  usePageTitle(message.data?.subject || t('messaging.title'))
  const markRead = useMarkRead()
  const isUnread = message.data && message.data.readAt === null
  // Opening a message reads it: the unread count goes down at once.
  useEffect(() => {
    if (messageId && isUnread) markRead.mutate({ messageId, read: true })
  }, [messageId, isUnread, markRead.mutate])

  if (message.isPending) return <LoadingState />
  if (message.isError) return <ErrorMessage error={message.error} onRetry={() => message.refetch()} />
  return <MessageView message={message.data} />
}

function MessageView({ message }: { message: Message }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const can = (action: Message['allowedActions'][number]) => message.allowedActions.includes(action)
  const answer = async (mode: 'reply' | 'replyAll' | 'forward') => {
    setBusy(mode)
    setError(null)
    const draftId = newDraftId()
    try {
      await startDraftFrom(message.schoolId, draftId, message.id, mode)
      navigate(`/messagerie/ecrire?ecole=${message.schoolId}&brouillon=${draftId}`)
    } catch (caught) {
      setError((caught as Error).message)
      setBusy(null)
    }
  }
  const to = message.addressees.filter((a) => a.kind === 'to')
  const cc = message.addressees.filter((a) => a.kind === 'cc')
  const bcc = message.addressees.filter((a) => a.kind === 'bcc')
  return (
    <article className="messaging reading">
      <p>
        <RouterLink to={`/messagerie?dossier=${encodeURIComponent(message.folder)}`}>
          {t('messaging.back')}
        </RouterLink>
      </p>
      <PageHeading>{message.subject || t('messaging.noSubject')}</PageHeading>
      <dl className="reading__meta">
        <dt>{t('messaging.from')}</dt>
        <dd>{message.author?.displayName ?? t('messaging.system')}</dd>
        {to.length > 0 && (
          <>
            <dt>{t('messaging.to')}</dt>
            <dd>{to.map((a) => a.name).join(', ')}</dd>
          </>
        )}
        {cc.length > 0 && (
          <>
            <dt>{t('messaging.cc')}</dt>
            <dd>{cc.map((a) => a.name).join(', ')}</dd>
          </>
        )}
        {bcc.length > 0 && (
          <>
            <dt>{t('messaging.bcc')}</dt>
            <dd>{bcc.map((a) => a.name).join(', ')}</dd>
          </>
        )}
        <dt>{t('messaging.date')}</dt>
        <dd>{longDate(message.sentAt)}</dd>
      </dl>
      {message.state === 'recalled' && <p className="messaging__tag">{t('messaging.recalledLong')}</p>}
      {message.state === 'scheduled' && (
        <p className="messaging__tag">{t('messaging.scheduledFor', { date: longDate(message.sentAt) })}</p>
      )}

      <SanitisedHtml className="reading__body" html={message.bodyHtml} />
      {message.attachments.length > 0 && (
        <section aria-labelledby="attachments-title" className="reading__attachments">
          <h2 id="attachments-title">{t('messaging.attachments')}</h2>
          <ul>
            {message.attachments.map((a) => (
              <li key={a.id}>
                <a href={attachmentUrl(message.id, a.id)} download={a.fileName}>
                  {a.fileName}
                </a>{' '}
                <span className="messaging__muted">({fileSize(a.size)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
      <div className="reading__actions">
        {can('reply') && (
          <Button variant="primary" onPress={() => answer('reply')} isPending={busy === 'reply'}>
            {t('messaging.reply')}
          </Button>
        )}
        {can('replyAll') && (
          <Button onPress={() => answer('replyAll')} isPending={busy === 'replyAll'}>
            {t('messaging.replyAll')}
          </Button>
        )}
        {can('forward') && (
          <Button onPress={() => answer('forward')} isPending={busy === 'forward'}>
            {t('messaging.forward')}
          </Button>
        )}
        {can('recall') && message.state === 'scheduled' && <CancelScheduledButton message={message} />}
        {can('recall') && <RecallButton message={message} />}
        <DeleteButton message={message} />
      </div>
      <MoveForm message={message} />
      {can('report') && <ReportForm message={message} />}
    </article>
  )
}

/** A scheduled message not yet left: back to the drafts, opened in the composer to be changed. */
function CancelScheduledButton({ message }: { message: Message }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const cancel = useCancelScheduled(message.schoolId)
  // Awaited rather than `mutate`'s own onSuccess: the message read again as a draft (the refresh, or the
  // real-time notice of the change) unmounts this button, and TanStack Query then skips that callback.
  const onPress = () =>
    cancel
      .mutateAsync(message.id)
      .then(() => navigate(`/messagerie/ecrire?ecole=${message.schoolId}&brouillon=${message.id}`))
      .catch(() => {}) // shown below from `cancel.error`
  return (
    <>
      <Button onPress={onPress} isPending={cancel.isPending}>
        {t('messaging.cancelScheduled')}
      </Button>
      {cancel.isError && (
        <p role="alert" className="field__error">
          {cancel.error.message}
        </p>
      )}
    </>
  )
}

function RecallButton({ message }: { message: Message }) {
  const { t } = useTranslation()
  const recall = useRecall(message.schoolId)
  return (
    <>
      <Button variant="danger" onPress={() => recall.mutate(message.id)} isPending={recall.isPending}>
        {t('messaging.recall')}
      </Button>
      {recall.isError && (
        <p role="alert" className="field__error">
          {recall.error.message}
        </p>
      )}
      {recall.isSuccess && <p role="status">{t('messaging.recalledDone')}</p>}
    </>
  )
}

function DeleteButton({ message }: { message: Message }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const remove = useDeleteMessage()
  return (
    <Button
      // Awaited, as « Annuler l'envoi »: the message read again once deleted may unmount this button.
      onPress={() =>
        remove
          .mutateAsync(message.id)
          .then(() => navigate(`/messagerie?dossier=${encodeURIComponent(message.folder)}`))
          .catch(() => {})
      }
      isPending={remove.isPending}
    >
      {message.folder === 'trash' ? t('messaging.deleteForever') : t('messaging.delete')}
    </Button>
  )
}

function MoveForm({ message }: { message: Message }) {
  const { t } = useTranslation()
  const folders = useFolders()
  const move = useMove()
  const [target, setTarget] = useState('')
  const choices = (folders.data?.folders ?? []).filter(
    (f) => (f.id === 'inbox' || !f.system) && f.id !== message.folder,
  )
  if (choices.length === 0 || message.state === 'draft') return null
  return (
    <form
      className="reading__move"
      onSubmit={(event) => {
        event.preventDefault()
        if (target) move.mutate({ messageId: message.id, folder: target })
      }}
    >
      <label htmlFor="move-to" className="field__label">
        {t('messaging.moveTo')}
      </label>
      <select
        id="move-to"
        className="field__input"
        value={target}
        onChange={(e) => setTarget(e.target.value)}
      >
        <option value="">{t('messaging.chooseFolder')}</option>
        {choices.map((f) => (
          <option key={f.id} value={f.id}>
            {f.system ? t(`messaging.folder.${f.id as SystemFolder}`) : f.name}
          </option>
        ))}
      </select>
      <Button type="submit" isPending={move.isPending}>
        {t('messaging.move')}
      </Button>
      {move.isSuccess && <p role="status">{t('messaging.moved')}</p>}
    </form>
  )
}

function ReportForm({ message }: { message: Message }) {
  const { t } = useTranslation()
  const report = useReport(message.schoolId)
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  if (report.isSuccess)
    return (
      <p role="status" className="reading__reported">
        {t('messaging.reported')}
      </p>
    )
  if (!open)
    return (
      <Button variant="quiet" onPress={() => setOpen(true)}>
        {t('messaging.report')}
      </Button>
    )
  return (
    <form
      className="reading__report"
      onSubmit={(event) => {
        event.preventDefault()
        report.mutate({ messageId: message.id, reason })
      }}
    >
      <label htmlFor="report-reason" className="field__label">
        {t('messaging.reportReason')}
      </label>
      <textarea
        id="report-reason"
        className="field__input field__textarea"
        rows={3}
        value={reason}
        maxLength={1000}
        onChange={(e) => setReason(e.target.value)}
      />
      <p className="field__description">{t('messaging.reportHelp')}</p>
      {report.isError && (
        <p role="alert" className="field__error">
          {report.error.message}
        </p>
      )}
      <Button type="submit" variant="danger" isPending={report.isPending}>
        {t('messaging.sendReport')}
      </Button>
    </form>
  )
}

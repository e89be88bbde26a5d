import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useSearchParams } from 'react-router'
import { isApiError } from '../../api/client.ts'
import { Button } from '../../ui/Button.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { SelectField } from '../../ui/SelectField.tsx'
import { TextButton } from '../../ui/TextButton.tsx'
import { usePortal } from '../portal/api.ts'
import { AttachmentsField } from './AttachmentsField.tsx'
import {
  type Attachment,
  discardDraft,
  type Message,
  newDraftId,
  removeAttachment,
  saveDraft,
  sendDraft,
  uploadAttachment,
  useMessage,
  useRecipients,
} from './api.ts'
import { type Chosen, PeoplePictures, RecipientField } from './RecipientPicker.tsx'
import { RichTextEditor } from './RichTextEditor.tsx'
import './messaging.css'

/**
 * The composer. The draft's id is chosen here and kept in the address: every pause in typing saves the
 * draft under it (a PUT, the same draft however often), a reload finds it again, and the send is sent once.
 */
export function ComposePage() {
  const { t } = useTranslation()
  usePageTitle(t('messaging.compose'))
  const [params, setParams] = useSearchParams()
  const portal = usePortal()
  const draftId = params.get('brouillon')
  useEffect(() => {
    if (!draftId)
      setParams(
        (p) => {
          const next = new URLSearchParams(p)
          next.set('brouillon', newDraftId())
          return next
        },
        { replace: true },
      )
  }, [draftId, setParams])
  const existing = useMessage(draftId ?? undefined)
  // The draft as it was when the composer opened: from then on the composer's own state is the draft.
  // Its saves tell the person's open pages (real time), which refetch the message: that must neither
  // reset what is being written nor drop a file being attached.
  const opened = useRef<{ draftId: string; draft: Message | null } | null>(null)
  if (draftId && opened.current?.draftId !== draftId) opened.current = null
  if (draftId && !opened.current && (existing.isSuccess || isApiError(existing.error, 404)))
    opened.current = { draftId, draft: existing.data?.state === 'draft' ? existing.data : null }
  if (
    portal.isPending ||
    !draftId ||
    (!opened.current && existing.isPending && existing.fetchStatus !== 'idle')
  )
    return <LoadingState />
  if (portal.isError) return <ErrorMessage error={portal.error} onRetry={() => portal.refetch()} />
  if (!opened.current && existing.isError)
    return <ErrorMessage error={existing.error} onRetry={() => existing.refetch()} />
  const draft = opened.current?.draft ?? null
  const schools = portal.data.schools
  const schoolId = draft?.schoolId ?? params.get('ecole') ?? schools[0]?.id
  if (!schoolId) return <p>{t('portal.noSchool')}</p>
  return (
    <Composer
      key={`${draftId}:${schoolId}`}
      draftId={draftId}
      draft={draft}
      schoolId={schoolId}
      schools={draft ? [] : schools}
      onSchool={(id) =>
        setParams((p) => {
          const next = new URLSearchParams(p)
          next.set('ecole', id)
          return next
        })
      }
    />
  )
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; message: string }

function Composer({
  draftId,
  draft,
  schoolId,
  schools,
  onSchool,
}: {
  draftId: string
  draft: Message | null
  schoolId: string
  schools: { id: string; name: string }[]
  onSchool: (id: string) => void
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const ids = useId()
  const recipients = useRecipients(schoolId, '')
  const simplified = recipients.data?.simplified ?? false
  const pick = (kind: 'to' | 'cc' | 'bcc') =>
    (draft?.addressees ?? [])
      .filter((a) => a.kind === kind)
      .map((a) => ({ type: a.type, id: a.id, name: a.name }))
  const [to, setTo] = useState<Chosen[]>(pick('to'))
  const [cc, setCc] = useState<Chosen[]>(pick('cc'))
  const [bcc, setBcc] = useState<Chosen[]>(pick('bcc'))
  const [showCopies, setShowCopies] = useState(cc.length + bcc.length > 0)
  const [subject, setSubject] = useState(draft?.subject ?? '')
  const [bodyHtml, setBodyHtml] = useState(draft?.bodyHtml ?? '')
  const [plainBody, setPlainBody] = useState('')
  const [attachments, setAttachments] = useState<Attachment[]>(draft?.attachments ?? [])
  const [upload, setUpload] = useState<{ name: string; percent: number } | null>(null)
  const [scheduled, setScheduled] = useState('')
  const [save, setSave] = useState<SaveState>({ kind: 'idle' })
  const [sendError, setSendError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const dirty = useRef(false)
  const saved = useRef(Boolean(draft))

  const body = useCallback(() => {
    const html = simplified
      ? plainBody
          .split(/\n{2,}/)
          .map((para) => `<p>${para.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>')}</p>`)
          .join('')
      : bodyHtml
    const refs = (list: Chosen[]) => list.map(({ type, id }) => ({ type, id }))
    return {
      subject,
      bodyHtml: html,
      to: refs(to),
      cc: refs(cc),
      bcc: refs(bcc),
      inReplyTo: draft?.inReplyTo ?? null,
      forwardOf: draft?.forwardOf ?? null,
    }
  }, [simplified, plainBody, bodyHtml, subject, to, cc, bcc, draft])

  const saveNow = useCallback(async () => {
    setSave({ kind: 'saving' })
    try {
      await saveDraft(schoolId, draftId, body())
      saved.current = true
      dirty.current = false
      setSave({ kind: 'saved', at: new Date() })
      return true
    } catch (error) {
      setSave({ kind: 'error', message: (error as Error).message })
      return false
    }
  }, [schoolId, draftId, body])

  // Autosave: two seconds after the last change.
  const [version, setVersion] = useState(0)
  const changed = () => {
    dirty.current = true
    setVersion((v) => v + 1)
  }
  useEffect(() => {
    if (version === 0) return
    const timer = setTimeout(() => {
      if (dirty.current) void saveNow()
    }, 2000)
    return () => clearTimeout(timer)
  }, [version, saveNow])

  const onFiles = async (files: FileList | null) => {
    if (!files?.length) return
    if (!saved.current && !(await saveNow())) return
    for (const file of Array.from(files)) {
      setUpload({ name: file.name, percent: 0 })
      try {
        const attachment = await uploadAttachment(schoolId, draftId, file, ({ sent, total }) =>
          setUpload({ name: file.name, percent: Math.round((sent / total) * 100) }),
        )
        setAttachments((list) => [...list, attachment])
        setSendError(null)
      } catch (error) {
        setSendError(t('messaging.uploadRefused', { name: file.name, reason: (error as Error).message }))
      }
    }
    setUpload(null)
  }

  const send = async () => {
    setSending(true)
    setSendError(null)
    if (!(await saveNow())) {
      setSending(false)
      return
    }
    try {
      const outcome = await sendDraft(schoolId, draftId, scheduled ? new Date(scheduled).toISOString() : null)
      navigate(`/messagerie?dossier=sent&envoye=${outcome.state}`)
    } catch (error) {
      setSendError((error as Error).message)
      setSending(false)
    }
  }

  const discard = async () => {
    if (saved.current) await discardDraft(schoolId, draftId).catch(() => undefined)
    navigate('/messagerie?dossier=drafts')
  }

  if (recipients.isPending) return <LoadingState />
  if (recipients.isError)
    return <ErrorMessage error={recipients.error} onRetry={() => recipients.refetch()} />

  return (
    <div className={`messaging composer${simplified ? ' composer--simple' : ''}`}>
      <PageHeading>{t('messaging.compose')}</PageHeading>
      <form
        className="composer__form"
        onSubmit={(event) => {
          event.preventDefault()
          void send()
        }}
      >
        {schools.length > 1 && (
          <SelectField
            label={t('messaging.school')}
            value={schoolId}
            onChange={onSchool}
            options={schools.map((s) => ({ value: s.id, label: s.name }))}
          />
        )}
        {simplified ? (
          <PeoplePictures
            recipients={recipients.data}
            value={to}
            onChange={(v) => {
              setTo(v)
              changed()
            }}
          />
        ) : (
          <>
            <RecipientField
              schoolId={schoolId}
              label={t('messaging.to')}
              fieldId={`${ids}-to`}
              value={to}
              onChange={(v) => {
                setTo(v)
                changed()
              }}
            />
            {showCopies ? (
              <>
                <RecipientField
                  schoolId={schoolId}
                  label={t('messaging.cc')}
                  fieldId={`${ids}-cc`}
                  value={cc}
                  onChange={(v) => {
                    setCc(v)
                    changed()
                  }}
                />
                <RecipientField
                  schoolId={schoolId}
                  label={t('messaging.bcc')}
                  fieldId={`${ids}-bcc`}
                  value={bcc}
                  onChange={(v) => {
                    setBcc(v)
                    changed()
                  }}
                />
              </>
            ) : (
              <TextButton className="composer__copies" onPress={() => setShowCopies(true)}>
                {t('messaging.addCopies')}
              </TextButton>
            )}
          </>
        )}
        <div className="field">
          <label htmlFor={`${ids}-subject`} className="field__label">
            {t('messaging.subject')}
          </label>
          <input
            id={`${ids}-subject`}
            className="field__input"
            value={subject}
            maxLength={200}
            onChange={(event) => {
              setSubject(event.target.value)
              changed()
            }}
          />
        </div>
        <div className="field">
          {simplified ? (
            <>
              <label htmlFor={`${ids}-body`} className="field__label">
                {t('messaging.body')}
              </label>
              <textarea
                id={`${ids}-body`}
                className="field__input field__textarea composer__simple-body"
                rows={6}
                value={plainBody}
                onChange={(event) => {
                  setPlainBody(event.target.value)
                  changed()
                }}
              />
            </>
          ) : (
            <>
              <span id={`${ids}-body-label`} className="field__label">
                {t('messaging.body')}
              </span>
              <RichTextEditor
                labelId={`${ids}-body-label`}
                initialHtml={draft?.bodyHtml ?? ''}
                onChange={(html) => {
                  setBodyHtml(html)
                  changed()
                }}
              />
            </>
          )}
        </div>
        {!simplified && (
          <AttachmentsField
            fieldId={`${ids}-files`}
            upload={upload}
            attachments={attachments}
            onFiles={(files) => void onFiles(files)}
            onRemove={async (a) => {
              await removeAttachment(schoolId, draftId, a.id)
              setAttachments((list) => list.filter((x) => x.id !== a.id))
            }}
          />
        )}
        {!simplified && (
          <div className="field composer__schedule">
            <label htmlFor={`${ids}-when`} className="field__label">
              {t('messaging.scheduleLabel')}
            </label>
            <p className="field__description" id={`${ids}-when-help`}>
              {t('messaging.scheduleHelp')}
            </p>
            <input
              id={`${ids}-when`}
              type="datetime-local"
              className="field__input"
              aria-describedby={`${ids}-when-help`}
              value={scheduled}
              onChange={(event) => setScheduled(event.target.value)}
            />
          </div>
        )}
        <p className="composer__status" role="status" aria-live="polite">
          {save.kind === 'saving' && t('messaging.saving')}
          {save.kind === 'saved' &&
            t('messaging.savedAt', {
              time: save.at.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' }),
            })}
        </p>
        {(save.kind === 'error' || sendError) && (
          <p className="field__error composer__error" role="alert">
            {sendError ?? (save.kind === 'error' ? save.message : '')}
          </p>
        )}
        <div className="composer__actions">
          <Button type="submit" variant="primary" isPending={sending} isFullWidth={simplified}>
            {scheduled ? t('messaging.schedule') : t('messaging.send')}
          </Button>
          <Button onPress={() => void discard()}>{t('messaging.discard')}</Button>
        </div>
      </form>
    </div>
  )
}

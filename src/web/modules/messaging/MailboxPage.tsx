import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link as RouterLink, useSearchParams } from 'react-router'
import type { SystemFolder } from '../../../contract/messaging.ts'
import { Button } from '../../ui/Button.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { TextButton } from '../../ui/TextButton.tsx'
import { usePortal } from '../portal/api.ts'
import { type Summary, useCreateFolder, useFolders, useMailbox } from './api.ts'
import { shortDate } from './format.ts'
import './messaging.css'

/**
 * The mailbox: folders with their unread counts, the chosen folder's messages newest first (unread in
 * bold), a search over them. Folder and search are in the address, so « back » returns to them.
 */
export function MailboxPage() {
  const { t } = useTranslation()
  usePageTitle(t('messaging.title'))
  const [params, setParams] = useSearchParams()
  const folder = params.get('dossier') ?? 'inbox'
  const q = params.get('q') ?? ''
  const folders = useFolders()
  const portal = usePortal()
  const directorSchools = portal.data?.schools.filter((s) => s.functions.includes('director')) ?? []
  const current = folders.data?.folders.find((f) => f.id === folder)

  return (
    <div className="messaging">
      <div className="messaging__top">
        <PageHeading>{t('messaging.title')}</PageHeading>
        <RouterLink to="/messagerie/ecrire" className="button button--primary messaging__write">
          {t('messaging.write')}
        </RouterLink>
      </div>
      <div className="messaging__layout">
        <nav aria-label={t('messaging.folders')} className="messaging__folders">
          {folders.isPending ? (
            <LoadingState />
          ) : folders.isError ? (
            <ErrorMessage error={folders.error} onRetry={() => folders.refetch()} />
          ) : (
            <ul>
              {folders.data.folders.map((f) => (
                <li key={f.id}>
                  <RouterLink
                    to={`/messagerie?dossier=${encodeURIComponent(f.id)}`}
                    aria-current={f.id === folder ? 'page' : undefined}
                    className="messaging__folder"
                  >
                    <span>{f.system ? t(`messaging.folder.${f.id as SystemFolder}`) : f.name}</span>
                    {f.unread > 0 && (
                      <span className="messaging__badge">
                        {f.unread}
                        <span className="visually-hidden"> {t('messaging.unread', { count: f.unread })}</span>
                      </span>
                    )}
                  </RouterLink>
                </li>
              ))}
            </ul>
          )}
          <NewFolder />
          {directorSchools.map((school) => (
            <RouterLink
              key={school.id}
              to={`/messagerie/signalements?ecole=${school.id}`}
              className="messaging__folder"
            >
              {directorSchools.length > 1
                ? t('messaging.reportsOf', { school: school.name })
                : t('messaging.reports')}
            </RouterLink>
          ))}
        </nav>
        <section className="messaging__list" aria-labelledby="folder-title">
          <h2 id="folder-title" className="messaging__folder-title">
            {current
              ? current.system
                ? t(`messaging.folder.${current.id as SystemFolder}`)
                : current.name
              : ''}
          </h2>
          <SearchForm
            initial={q}
            onSearch={(value) =>
              setParams((p) => {
                const next = new URLSearchParams(p)
                if (value) next.set('q', value)
                else next.delete('q')
                return next
              })
            }
          />
          <MessageList folder={folder} q={q} />
        </section>
      </div>
    </div>
  )
}

function SearchForm({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation()
  const [value, setValue] = useState(initial)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSearch(value.trim())
  }
  return (
    <search>
      <form className="messaging__search" onSubmit={submit}>
        <label htmlFor="messaging-search" className="visually-hidden">
          {t('messaging.searchLabel')}
        </label>
        <input
          id="messaging-search"
          type="search"
          className="field__input"
          value={value}
          placeholder={t('messaging.searchPlaceholder')}
          onChange={(event) => setValue(event.target.value)}
        />
        <Button type="submit">{t('messaging.search')}</Button>
      </form>
    </search>
  )
}

function MessageList({ folder, q }: { folder: string; q: string }) {
  const { t } = useTranslation()
  const mailbox = useMailbox(folder, q)
  if (mailbox.isPending) return <LoadingState />
  if (mailbox.isError) return <ErrorMessage error={mailbox.error} onRetry={() => mailbox.refetch()} />
  const messages = mailbox.data.pages.flatMap((page) => page.messages)
  if (messages.length === 0)
    return <p className="messaging__empty">{q ? t('messaging.noResult') : t('messaging.empty')}</p>
  return (
    <>
      <ul className="messaging__messages">
        {messages.map((message) => (
          <MessageRow key={message.id} message={message} folder={folder} />
        ))}
      </ul>
      {mailbox.hasNextPage && (
        <Button onPress={() => mailbox.fetchNextPage()} isPending={mailbox.isFetchingNextPage}>
          {t('messaging.more')}
        </Button>
      )}
    </>
  )
}

function MessageRow({ message, folder }: { message: Summary; folder: string }) {
  const { t } = useTranslation()
  const unread = message.readAt === null
  const who =
    folder === 'sent' || folder === 'drafts'
      ? t('messaging.toLine', { names: message.addressees.map((a) => a.name).join(', ') || '—' })
      : (message.author?.displayName ?? t('messaging.system'))
  const href =
    message.state === 'draft'
      ? `/messagerie/ecrire?ecole=${message.schoolId}&brouillon=${message.id}`
      : `/messagerie/messages/${message.id}`
  return (
    <li className={`messaging__message${unread ? ' messaging__message--unread' : ''}`}>
      <RouterLink to={href} className="messaging__message-link">
        <span className="messaging__who">
          {unread && <span className="visually-hidden">{t('messaging.unreadOne')} </span>}
          {who}
        </span>
        <span className="messaging__date">{shortDate(message.sentAt)}</span>
        <span className="messaging__subject">
          {message.subject || t('messaging.noSubject')}
          {message.hasAttachments && <span className="messaging__tag">{t('messaging.hasAttachments')}</span>}
          {message.state === 'scheduled' && (
            <span className="messaging__tag">{t('messaging.scheduled')}</span>
          )}
          {message.state === 'recalled' && <span className="messaging__tag">{t('messaging.recalled')}</span>}
        </span>
        <span className="messaging__preview">{message.preview}</span>
      </RouterLink>
    </li>
  )
}

function NewFolder() {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  const create = useCreateFolder()
  if (!open)
    return (
      <TextButton className="messaging__new-folder" onPress={() => setOpen(true)}>
        {t('messaging.newFolder')}
      </TextButton>
    )
  return (
    <form
      className="messaging__folder-form"
      onSubmit={(event) => {
        event.preventDefault()
        create.mutate(name.trim(), {
          onSuccess: () => {
            setOpen(false)
            setName('')
          },
        })
      }}
    >
      <label htmlFor="new-folder" className="field__label">
        {t('messaging.folderName')}
      </label>
      <input
        id="new-folder"
        className="field__input"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        maxLength={60}
      />
      {create.isError && (
        <p className="field__error" role="alert">
          {create.error.message}
        </p>
      )}
      <Button type="submit" isPending={create.isPending}>
        {t('messaging.create')}
      </Button>
    </form>
  )
}

import { useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Card } from '../../ui/Card.tsx'
import { ConfirmButton } from '../../ui/ConfirmButton.tsx'
import { ErrorMessage, useErrorText } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { closeOtherSessions, closeSession, SESSIONS_KEY, useSessions } from './api.ts'
import { SessionRow } from './SessionRow.tsx'

/**
 * "Mes sessions": every device where my account is open, this one first marked "Cet appareil"; close
 * one, or all the others after a confirmation. What happened is said in a polite live region, and
 * the focus goes to the list's heading when the button pressed disappears.
 */
export function SessionsSection() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const errorText = useErrorText()
  const sessions = useSessions()
  const [news, setNews] = useState('')
  const [pendingId, setPendingId] = useState<string | null>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)

  const afterClosing = async (message: string) => {
    await queryClient.invalidateQueries({ queryKey: SESSIONS_KEY })
    setNews(message)
    headingRef.current?.focus()
  }

  const close = async (sessionId: string, deviceName: string) => {
    setPendingId(sessionId)
    setNews('')
    try {
      await closeSession(sessionId)
      await afterClosing(t('account.sessionClosed', { device: deviceName }))
    } catch (error) {
      setNews(errorText(error))
    } finally {
      setPendingId(null)
    }
  }

  const list = sessions.data?.sessions ?? []
  // This device first: it is the one people look for to make sense of the others.
  const ordered = [...list.filter((s) => s.isCurrent), ...list.filter((s) => !s.isCurrent)]
  const others = list.filter((s) => !s.isCurrent).length

  return (
    <Card as="section" aria-labelledby="account-sessions" className="account-sessions">
      <h2 id="account-sessions" ref={headingRef} tabIndex={-1}>
        {t('account.sessions')}
      </h2>
      <p>{t('account.sessionsIntro')}</p>
      <p role="status" className="account-news">
        {news}
      </p>
      {sessions.isPending ? (
        <LoadingState />
      ) : sessions.isError ? (
        <ErrorMessage error={sessions.error} onRetry={() => sessions.refetch()} />
      ) : (
        <>
          <ul className="session-list">
            {ordered.map((session) => (
              <SessionRow
                key={session.id}
                session={session}
                isClosing={pendingId === session.id}
                onClose={(deviceName) => close(session.id, deviceName)}
              />
            ))}
          </ul>
          {others > 0 ? (
            <ConfirmButton
              variant="secondary"
              title={t('account.closeOthersTitle')}
              message={<p>{t('account.closeOthersText', { count: others })}</p>}
              confirmLabel={t('account.closeOthersConfirm')}
              onConfirm={async () => {
                await closeOtherSessions()
                await afterClosing(t('account.othersClosed'))
              }}
            >
              {t('account.closeOthers')}
            </ConfirmButton>
          ) : (
            <p className="account-note">{t('account.noOtherSession')}</p>
          )}
        </>
      )}
    </Card>
  )
}

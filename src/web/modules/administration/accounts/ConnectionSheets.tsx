import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { EmailConnectionSheetsResponse, SheetAudience } from '../../../../contract/accounts.ts'
import { apiPost } from '../../../api/client.ts'
import { Alert } from '../../../ui/Alert.tsx'
import { BusyButton } from '../../../ui/BusyButton.tsx'
import { Card } from '../../../ui/Card.tsx'
import { useErrorText } from '../../../ui/ErrorMessage.tsx'
import { DownloadIcon, MailIcon } from '../../../ui/icons/ui-icons.tsx'
import { connectionSheetsUrl } from './api.ts'

const PDFS: readonly SheetAudience[] = ['pupils', 'parents', 'all']

/**
 * The class's connection sheets: one per pupil and parent whose account is not activated yet (those
 * without a valid code get one first), as a PDF to print, a CSV, or e-mails to parents with an address.
 * Files are links the browser downloads; a click first asks the server for the missing codes (a POST:
 * the download itself only reads), so a plain "save the link" still gives the sheets already due.
 */
export function ConnectionSheets({
  schoolId,
  classId,
  say,
}: {
  schoolId: string
  classId: string
  say: (notice: string) => void
}) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [isSending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const k = 'administration.accounts.sheets' as const

  const download = async (event: React.MouseEvent<HTMLAnchorElement>, audience: SheetAudience) => {
    event.preventDefault()
    const link = event.currentTarget
    setError(null)
    try {
      await apiPost(
        `/api/schools/${encodeURIComponent(schoolId)}/classes/${encodeURIComponent(classId)}/activation-codes`,
        {
          for: audience,
          mode: 'missing',
        },
      )
      const file = document.createElement('a')
      file.href = link.href
      file.download = ''
      file.click()
    } catch (failure) {
      setError(errorText(failure))
    }
  }

  const sendByEmail = async () => {
    setSending(true)
    setError(null)
    try {
      const result = await apiPost<z.input<typeof EmailConnectionSheetsResponse>>(
        `/api/schools/${encodeURIComponent(schoolId)}/classes/${encodeURIComponent(classId)}/connection-sheets/email`,
        { regenerate: true },
      )
      say(
        `${t(`${k}.sent`, { count: result.queued })} ${result.withoutEmail > 0 ? t(`${k}.withoutEmail`, { count: result.withoutEmail }) : ''}`.trim(),
      )
    } catch (failure) {
      setError(errorText(failure))
    } finally {
      setSending(false)
    }
  }

  return (
    <Card as="section" aria-labelledby="connection-sheets">
      <h2 id="connection-sheets">{t(`${k}.title`)}</h2>
      <p>{t(`${k}.intro`)}</p>
      <ul className="download-list">
        {PDFS.map((audience) => (
          <li key={audience}>
            <a
              className="button button--secondary"
              href={connectionSheetsUrl(schoolId, classId, 'pdf', audience)}
              download
              onClick={(event) => download(event, audience)}
            >
              <DownloadIcon />
              {t(`${k}.pdf.${audience}`)}
            </a>
          </li>
        ))}
        <li>
          <a
            className="button button--secondary"
            href={connectionSheetsUrl(schoolId, classId, 'csv', 'all')}
            download
            onClick={(event) => download(event, 'all')}
          >
            <DownloadIcon />
            {t(`${k}.csv`)}
          </a>
        </li>
      </ul>
      {error && (
        <Alert tone="error" live="assertive">
          <p>{error}</p>
        </Alert>
      )}
      <p className="field__description">{t(`${k}.emailHint`)}</p>
      <BusyButton variant="secondary" onPress={sendByEmail} isBusy={isSending}>
        <MailIcon />
        {t(`${k}.email`)}
      </BusyButton>
    </Card>
  )
}

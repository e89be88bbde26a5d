import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { Alert } from '../../ui/Alert.tsx'
import { Form } from '../../ui/Form.tsx'
import { Link } from '../../ui/Link.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { SubmitButton } from '../../ui/SubmitButton.tsx'
import { TextAreaField } from '../../ui/TextAreaField.tsx'
import { useReportItem } from './api.ts'

/**
 * « Signaler » an item (`/quoi-de-neuf/signaler/:itemId`), from the feed or from the link of an e-mail:
 * the school's direction is told, with the reason given here.
 */
export function ReportPage() {
  const { t } = useTranslation()
  usePageTitle(t('feed.reportTitle'))
  const { itemId = '' } = useParams()
  const [reason, setReason] = useState('')
  const report = useReportItem()

  return (
    <>
      <PageHeading>{t('feed.reportTitle')}</PageHeading>
      {report.isSuccess ? (
        <Alert tone="success" title={t('feed.reportedTitle')} live="polite">
          <p>{t('feed.reported')}</p>
          <p>
            <Link href="/">{t('feed.backHome')}</Link>
          </p>
        </Alert>
      ) : (
        <>
          <p className="page-intro">{t('feed.reportIntro')}</p>
          {report.isError && (
            <Alert tone="error" live="assertive">
              <p>{report.error.message}</p>
            </Alert>
          )}
          <Form
            onSubmit={(event) => {
              event.preventDefault()
              report.mutate({ itemId, reason })
            }}
          >
            <TextAreaField
              name="reason"
              label={t('feed.reason')}
              description={t('feed.reasonHint')}
              value={reason}
              onChange={setReason}
              maxLength={1000}
            />
            <SubmitButton isSubmitting={report.isPending} pendingLabel={t('feed.reporting')}>
              {t('feed.reportSubmit')}
            </SubmitButton>
          </Form>
        </>
      )}
    </>
  )
}

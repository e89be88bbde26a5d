import { useTranslation } from 'react-i18next'
import { TextButton } from '../../ui/TextButton.tsx'
import type { Attachment } from './api.ts'
import { fileSize } from './format.ts'

/** The composer's files: the picker, the upload's progress, and the files attached, each removable. */
export function AttachmentsField({
  fieldId,
  upload,
  attachments,
  onFiles,
  onRemove,
}: {
  fieldId: string
  upload: { name: string; percent: number } | null
  attachments: Attachment[]
  onFiles: (files: FileList | null) => void
  onRemove: (attachment: Attachment) => Promise<void>
}) {
  const { t } = useTranslation()
  return (
    <div className="composer__attachments">
      <label htmlFor={fieldId} className="field__label">
        {t('messaging.attach')}
      </label>
      <input id={fieldId} type="file" multiple onChange={(event) => onFiles(event.target.files)} />
      {upload && (
        <p>
          <label htmlFor={`${fieldId}-progress`}>{t('messaging.uploading', { name: upload.name })}</label>{' '}
          <progress id={`${fieldId}-progress`} max={100} value={upload.percent}>
            {upload.percent} %
          </progress>
        </p>
      )}
      {attachments.length > 0 && (
        <ul aria-label={t('messaging.attachments')}>
          {attachments.map((a) => (
            <li key={a.id}>
              {a.fileName} <span className="messaging__muted">({fileSize(a.size)})</span>{' '}
              <TextButton
                aria-label={t('messaging.removeAttachment', { name: a.fileName })}
                onPress={() => onRemove(a)}
              >
                {t('messaging.remove')}
              </TextButton>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

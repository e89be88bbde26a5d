import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { Card } from '../../ui/Card.tsx'
import { ConfirmButton } from '../../ui/ConfirmButton.tsx'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { type DeliberationJson, useAnnexes } from './api.ts'

/**
 * The annexes of a deliberation: each PDF is downloadable here and, once the deliberation is published,
 * from the public page; the @CTES description lists them. They are added or removed until publication.
 */
export function AnnexesCard({
  deliberation: d,
  canManage,
}: {
  deliberation: DeliberationJson
  canManage: boolean
}) {
  const { t, i18n } = useTranslation()
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 })
  const size = (bytes: number) =>
    bytes < 1024 * 1024
      ? t('governance.annexes.kb', { count: number.format(Math.max(1, Math.round(bytes / 1024))) })
      : t('governance.annexes.mb', { count: number.format(bytes / 1024 / 1024) })
  const { upload, remove } = useAnnexes(d.id)
  const errorText = useErrorText()
  const inputId = useId()
  const input = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<File | undefined>()
  const editable = canManage && !d.publishedAt
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!file) return
    upload.mutate(file, {
      onSuccess: () => {
        setFile(undefined)
        if (input.current) input.current.value = ''
      },
    })
  }
  const failure = upload.error ?? remove.error
  return (
    <Card as="section" aria-labelledby="annexes">
      <h2 id="annexes">{t('governance.annexes.heading')}</h2>
      {d.annexes.length === 0 ? (
        <p>{t('governance.annexes.none')}</p>
      ) : (
        <ul className="gov-chips">
          {d.annexes.map((a) => (
            <li key={a.id}>
              {a.hasFile ? (
                <a href={`/api/governance/deliberations/${d.id}/annexes/${a.id}`} download>
                  {a.size
                    ? t('governance.annexes.fileWithSize', { title: a.title, size: size(a.size) })
                    : t('governance.annexes.file', { title: a.title })}
                </a>
              ) : (
                <span>{t('governance.annexes.noFile', { title: a.title })}</span>
              )}
              {editable && (
                <ConfirmButton
                  aria-label={t('governance.annexes.removeLabel', { title: a.title })}
                  title={t('governance.annexes.removeTitle')}
                  message={t('governance.annexes.removeMessage', { title: a.title, number: d.number })}
                  confirmLabel={t('governance.annexes.removeConfirm')}
                  variant="secondary"
                  onConfirm={() => remove.mutateAsync(a.id)}
                >
                  {t('governance.annexes.remove')}
                </ConfirmButton>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <Form onSubmit={onSubmit} aria-label={t('governance.annexes.form')} className="gov-annexes">
          <div className="field">
            <label htmlFor={inputId} className="field__label">
              {t('governance.annexes.input')}
            </label>
            <input
              ref={input}
              id={inputId}
              type="file"
              accept="application/pdf,.pdf"
              className="file-input"
              onChange={(event) => setFile(event.currentTarget.files?.[0])}
            />
          </div>
          <BusyButton type="submit" variant="secondary" isBusy={upload.isPending} isDisabled={!file}>
            {t('governance.annexes.attach')}
          </BusyButton>
        </Form>
      )}
      {failure && (
        <p role="alert" className="field__error">
          {errorText(failure)}
        </p>
      )}
    </Card>
  )
}

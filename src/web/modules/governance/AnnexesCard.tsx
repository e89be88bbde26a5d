import { useId, useRef, useState } from 'react'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { Card } from '../../ui/Card.tsx'
import { ConfirmButton } from '../../ui/ConfirmButton.tsx'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { type DeliberationJson, useAnnexes } from './api.ts'

const size = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} Ko`
    : `${(bytes / 1024 / 1024).toFixed(1)} Mo`

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
      <h2 id="annexes">Annexes</h2>
      {d.annexes.length === 0 ? (
        <p>Aucune annexe.</p>
      ) : (
        <ul className="gov-chips">
          {d.annexes.map((a) => (
            <li key={a.id}>
              {a.hasFile ? (
                <a href={`/api/governance/deliberations/${d.id}/annexes/${a.id}`} download>
                  {a.title} (PDF{a.size ? `, ${size(a.size)}` : ''})
                </a>
              ) : (
                <span>{a.title} (annexe mentionnée, sans fichier)</span>
              )}
              {editable && (
                <ConfirmButton
                  aria-label={`Retirer l’annexe ${a.title}`}
                  title="Retirer cette annexe ?"
                  message={`L’annexe « ${a.title} » ne sera plus jointe à la délibération ${d.number}.`}
                  confirmLabel="Oui, retirer"
                  variant="secondary"
                  onConfirm={() => remove.mutateAsync(a.id)}
                >
                  Retirer
                </ConfirmButton>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <Form onSubmit={onSubmit} aria-label="Joindre une annexe" className="gov-annexes">
          <div className="field">
            <label htmlFor={inputId} className="field__label">
              Fichier PDF de l’annexe
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
            Joindre l’annexe
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

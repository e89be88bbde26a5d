import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../../ui/Button.tsx'
import { PrintIcon } from '../../../ui/icons/ui-icons.tsx'
import type { IssuedCode } from './api.ts'

/**
 * A code just given to someone (new account, new code, a pupil's reset): their login and the code in
 * large letters, until when it is valid, and a button to print this sheet alone. It takes the focus, so
 * that screen readers read it at once.
 */
export function IssuedCodeNotice({
  issued,
  title,
  onClose,
}: {
  issued: IssuedCode
  /** What happened: "Nouveau code pour Léa MARTIN". */
  title: string
  onClose: () => void
}) {
  const { t, i18n } = useTranslation()
  const ref = useRef<HTMLElement>(null)
  const k = 'administration.accounts.issued' as const
  const until = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(
    new Date(issued.expiresAt),
  )

  useEffect(() => {
    ref.current?.focus()
  }, [])

  return (
    <section ref={ref} tabIndex={-1} className="issued-code print-sheet" aria-labelledby="issued-code-title">
      <h2 id="issued-code-title" className="issued-code__title">
        {title}
      </h2>
      <dl className="issued-code__facts">
        <div>
          <dt>{t(`${k}.login`)}</dt>
          <dd className="issued-code__value">{issued.login}</dd>
        </div>
        <div>
          <dt>{t(`${k}.code`)}</dt>
          <dd className="issued-code__value">{issued.code}</dd>
        </div>
      </dl>
      <p>{t(`${k}.until`, { date: until })}</p>
      <p className="issued-code__how">{t(`${k}.how`, { origin: window.location.origin })}</p>
      <div className="form-buttons no-print">
        <Button variant="primary" onPress={() => window.print()}>
          <PrintIcon />
          {t(`${k}.print`)}
        </Button>
        <Button variant="secondary" onPress={onClose}>
          {t(`${k}.close`)}
        </Button>
      </div>
    </section>
  )
}

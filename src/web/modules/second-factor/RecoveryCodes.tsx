import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../ui/Button.tsx'
import { Checkbox } from '../../ui/Checkbox.tsx'
import { Form } from '../../ui/Form.tsx'
import { PrintIcon } from '../../ui/icons/ui-icons.tsx'
import { CopyButton } from './CopyButton.tsx'
import './second-factor.css'

export type RecoveryCodesProps = {
  codes: string[]
  headingLevel: 2 | 3
  /** The words of the button that closes this screen ("Continuer", "Terminé"). */
  doneLabel: string
  onDone: () => void
}

/**
 * The ten recovery codes, shown once: print them, copy them, and say they are kept somewhere safe
 * before going on. The heading takes the focus, since this screen replaces the one where the user was.
 */
export function RecoveryCodes({ codes, headingLevel, doneLabel, onDone }: RecoveryCodesProps) {
  const { t } = useTranslation()
  const [isKept, setKept] = useState(false)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const Heading = headingLevel === 2 ? 'h2' : 'h3'

  useEffect(() => {
    headingRef.current?.focus()
  }, [])

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    onDone()
  }

  return (
    <section className="recovery-codes" aria-labelledby="recovery-codes-title">
      <Heading id="recovery-codes-title" ref={headingRef} tabIndex={-1}>
        {t('recoveryCodes.title')}
      </Heading>
      <p>{t('recoveryCodes.intro')}</p>
      <div className="recovery-codes__sheet">
        <p className="recovery-codes__print-title">{t('recoveryCodes.printTitle')}</p>
        <ol className="recovery-codes__list">
          {codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ol>
      </div>
      <div className="recovery-codes__tools">
        <Button variant="secondary" onPress={() => window.print()}>
          <PrintIcon />
          {t('recoveryCodes.print')}
        </Button>
        <CopyButton
          text={codes.join('\n')}
          label={t('recoveryCodes.copy')}
          copiedLabel={t('recoveryCodes.copied')}
        />
      </div>
      <Form onSubmit={onSubmit} className="recovery-codes__form">
        <Checkbox
          name="kept"
          isSelected={isKept}
          onChange={setKept}
          isRequired
          validate={(selected) => (selected ? null : t('recoveryCodes.keptRequired'))}
        >
          {t('recoveryCodes.kept')}
        </Checkbox>
        <Button type="submit" variant="primary" isFullWidth>
          {doneLabel}
        </Button>
      </Form>
    </section>
  )
}

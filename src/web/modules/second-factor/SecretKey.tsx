import { useTranslation } from 'react-i18next'
import { CopyButton } from './CopyButton.tsx'

/** The key in groups of four ("JBSW Y3DP EHPK 3PXP"), easier to read out and type than 32 letters. */
function groupByFour(secret: string): string {
  return secret.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 ')
}

/** The authenticator key, for whoever cannot scan the QR code: readable, and copied in one press. */
export function SecretKey({ secret }: { secret: string }) {
  const { t } = useTranslation()
  return (
    <div className="secret-key">
      <p className="secret-key__label">{t('enrolment.keyText')}</p>
      <p className="secret-key__value">
        <code>{groupByFour(secret)}</code>
      </p>
      <CopyButton text={secret} label={t('enrolment.copyKey')} copiedLabel={t('enrolment.keyCopied')} />
    </div>
  )
}

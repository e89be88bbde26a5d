import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert } from '../../../ui/Alert.tsx'
import { BusyButton } from '../../../ui/BusyButton.tsx'
import { Card } from '../../../ui/Card.tsx'
import { useErrorText } from '../../../ui/ErrorMessage.tsx'
import { PrintIcon } from '../../../ui/icons/ui-icons.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { Switch } from '../../../ui/Switch.tsx'
import { useLoginCards, useLoginCardsSetting, usePrintLoginCards } from './api.ts'

/** Opens a PDF made for this page in a new tab (or downloads it where tabs cannot open). */
function openPdf(pdf: Blob, fileName: string): void {
  const url = URL.createObjectURL(pdf)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  // The download has started: the address can go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/**
 * Class login cards for pupils who cannot type a password yet: the teacher turns sign-in by card on or
 * off for the whole class, and prints the cards (printing again replaces the old ones).
 */
export function LoginCards({
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
  const cards = useLoginCards(schoolId, classId)
  const setting = useLoginCardsSetting(schoolId, classId)
  const print = usePrintLoginCards(schoolId, classId)
  const [error, setError] = useState<string | null>(null)
  const k = 'administration.accounts.cards' as const

  if (cards.isPending) return <LoadingState />
  // Not this user's to manage (or cards are not available): the section is simply not there.
  if (cards.isError || !cards.data.allowedActions.includes('accounts.manageLoginCards')) return null

  const withCard = cards.data.pupils.filter((pupil) => pupil.cardCreatedAt).length
  const toggle = async (enabled: boolean) => {
    setError(null)
    try {
      await setting.mutateAsync(enabled)
      say(enabled ? t(`${k}.enabled`) : t(`${k}.disabled`))
    } catch (failure) {
      setError(errorText(failure))
    }
  }
  const printCards = async () => {
    setError(null)
    try {
      openPdf(await print.mutateAsync(undefined), `cartes-${cards.data.class.name}.pdf`)
      say(t(`${k}.printed`, { count: cards.data.pupils.length }))
    } catch (failure) {
      setError(errorText(failure))
    }
  }

  return (
    <Card as="section" aria-labelledby="login-cards">
      <h2 id="login-cards">{t(`${k}.title`)}</h2>
      <p>{t(`${k}.intro`)}</p>
      <Switch isSelected={cards.data.enabled} onChange={toggle} isDisabled={setting.isPending}>
        {t(`${k}.switch`)}
      </Switch>
      <p className="item-card__meta">
        {t(`${k}.withCard`, { count: withCard, total: cards.data.pupils.length })}
      </p>
      {error && (
        <Alert tone="error" live="assertive">
          <p>{error}</p>
        </Alert>
      )}
      <p className="field__description">{t(`${k}.printHint`)}</p>
      <BusyButton variant="secondary" onPress={printCards} isBusy={print.isPending}>
        <PrintIcon />
        {t(`${k}.print`)}
      </BusyButton>
    </Card>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../ui/Button.tsx'
import { CopyIcon } from '../../ui/icons/ui-icons.tsx'

/**
 * Copies `text` to the clipboard and says so in a polite live region (or that it failed: some browsers
 * refuse the clipboard outside HTTPS; the text stays on screen to copy by hand).
 */
export function CopyButton({
  text,
  label,
  copiedLabel,
}: {
  text: string
  label: string
  copiedLabel: string
}) {
  const { t } = useTranslation()
  const [result, setResult] = useState<'copied' | 'failed' | null>(null)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      setResult('copied')
    } catch {
      setResult('failed')
    }
  }
  return (
    <div className="copy-button">
      <Button variant="secondary" onPress={copy}>
        <CopyIcon />
        {label}
      </Button>
      <span role="status" className="copy-button__status">
        {result === 'copied' ? copiedLabel : result === 'failed' ? t('enrolment.copyFailed') : ''}
      </span>
    </div>
  )
}

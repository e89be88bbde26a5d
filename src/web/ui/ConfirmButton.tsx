import { type ReactNode, useState } from 'react'
import { Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components'
import { useTranslation } from 'react-i18next'
import { Alert } from './Alert.tsx'
import { BusyButton } from './BusyButton.tsx'
import { Button, type ButtonProps } from './Button.tsx'
import { useErrorText } from './ErrorMessage.tsx'
import './dialog.css'

export type ConfirmButtonProps = {
  /** What the button shows (short: "Supprimer"). */
  children: ReactNode
  /** Its accessible name when the visible text needs context ("Supprimer la règle « … »"). */
  'aria-label'?: string
  /** The question of the dialog: "Supprimer cette règle ?". */
  title: string
  /** What will happen, in plain words. */
  message: ReactNode
  /** The words of the confirming button ("Oui, supprimer"). */
  confirmLabel: string
  /** The action; the dialog stays open and shows the error if it fails. */
  onConfirm: () => Promise<unknown>
  variant?: ButtonProps['variant']
  className?: string
  isDisabled?: boolean
}

/**
 * A button for an action that cannot be undone: it first opens a dialog that says what will happen and
 * asks to confirm. The focus starts on "Annuler", Escape cancels, and it comes back to the button.
 */
export function ConfirmButton({
  children,
  title,
  message,
  confirmLabel,
  onConfirm,
  variant = 'danger',
  className,
  isDisabled,
  ...rest
}: ConfirmButtonProps) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [isOpen, setOpen] = useState(false)
  const [isPending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const onOpenChange = (open: boolean) => {
    if (isPending) return
    setOpen(open)
    if (!open) setError(null)
  }

  const confirm = async () => {
    setPending(true)
    setError(null)
    try {
      await onConfirm()
      setOpen(false)
    } catch (failure) {
      setError(errorText(failure))
    } finally {
      setPending(false)
    }
  }

  return (
    <DialogTrigger isOpen={isOpen} onOpenChange={onOpenChange}>
      <Button variant={variant} className={className} isDisabled={isDisabled} aria-label={rest['aria-label']}>
        {children}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable={!isPending}>
        <Modal className="modal">
          <Dialog role="alertdialog" className="dialog">
            <Heading slot="title" className="dialog__title">
              {title}
            </Heading>
            <div className="dialog__body">{message}</div>
            {error && (
              <Alert tone="error" live="assertive">
                <p>{error}</p>
              </Alert>
            )}
            <div className="dialog__actions">
              <Button
                variant="secondary"
                onPress={() => onOpenChange(false)}
                autoFocus
                isDisabled={isPending}
              >
                {t('common.cancel')}
              </Button>
              <BusyButton variant="danger" className="button--filled" onPress={confirm} isBusy={isPending}>
                {confirmLabel}
              </BusyButton>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  )
}

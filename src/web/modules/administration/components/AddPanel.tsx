import { type ReactNode, useEffect, useId, useRef, useState } from 'react'
import { Button } from '../../../ui/Button.tsx'
import { Card } from '../../../ui/Card.tsx'
import { PlusIcon } from '../../../ui/icons/ui-icons.tsx'

/**
 * A button that unfolds a form in place ("Ajouter une classe"): on a phone a form in the page is
 * easier than a dialog. Opening moves the focus to the form's title; closing gives it back to the button.
 */
export function AddPanel({
  label,
  title,
  children,
}: {
  /** The button's words. */
  label: string
  /** The form's title, a level-2 heading. */
  title: string
  /** The form; `close` folds the panel (after a success, or on "Annuler"). */
  children: (close: () => void) => ReactNode
}) {
  const [isOpen, setOpen] = useState(false)
  const headingId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const wasOpen = useRef(false)

  useEffect(() => {
    if (isOpen) headingRef.current?.focus()
    else if (wasOpen.current) buttonRef.current?.focus()
    wasOpen.current = isOpen
  }, [isOpen])

  return (
    <div className="add-panel">
      {!isOpen && (
        <Button ref={buttonRef} variant="primary" onPress={() => setOpen(true)}>
          <PlusIcon />
          {label}
        </Button>
      )}
      {isOpen && (
        <Card as="section" className="add-panel__card" aria-labelledby={headingId}>
          <h2 id={headingId} ref={headingRef} tabIndex={-1}>
            {title}
          </h2>
          {children(() => setOpen(false))}
        </Card>
      )}
    </div>
  )
}

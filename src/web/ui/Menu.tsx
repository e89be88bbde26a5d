import type { ReactNode } from 'react'
import {
  Menu as AriaMenu,
  MenuItem as AriaMenuItem,
  MenuSection as AriaMenuSection,
  Button,
  Header,
  type MenuItemProps,
  type MenuProps,
  type MenuSectionProps,
  MenuTrigger,
  Popover,
  Separator,
} from 'react-aria-components'
import { CheckIcon } from './icons/ui-icons.tsx'
import './menu.css'

export type MenuButtonProps<T> = MenuProps<T> & {
  /** What the button shows; keep it short on phones. */
  trigger: ReactNode
  /** The button's accessible name when its visible content is only an icon or is abbreviated. */
  triggerLabel?: string
  triggerClassName?: string
  /** Text shown at the top of the open menu, outside its items (e.g. who is signed in). */
  header?: ReactNode
}

/**
 * A button that opens a menu (React Aria: arrow keys, typeahead, Escape closes and gives focus back).
 * Items with an `href` are links and navigate through the client router.
 */
export function MenuButton<T extends object>({
  trigger,
  triggerLabel,
  triggerClassName,
  header,
  ...menuProps
}: MenuButtonProps<T>) {
  return (
    <MenuTrigger>
      <Button aria-label={triggerLabel} className={['menu-trigger', triggerClassName ?? ''].join(' ')}>
        {trigger}
      </Button>
      <Popover className="menu-popover" placement="bottom end" offset={6}>
        {header && <div className="menu-header">{header}</div>}
        <AriaMenu {...menuProps} className="menu" />
      </Popover>
    </MenuTrigger>
  )
}

/** An entry of a menu: an action (`onAction`), a link (`href`) or a choice inside a selection section. */
export function MenuItem({
  children,
  className,
  ...props
}: Omit<MenuItemProps, 'children'> & { children: ReactNode }) {
  const textValue = props.textValue ?? (typeof children === 'string' ? children : undefined)
  return (
    <AriaMenuItem {...props} textValue={textValue} className={['menu-item', className ?? ''].join(' ')}>
      {({ isSelected, selectionMode }) => (
        <>
          {selectionMode !== 'none' && (
            <span className="menu-item__check">{isSelected && <CheckIcon />}</span>
          )}
          {children}
        </>
      )}
    </AriaMenuItem>
  )
}

/** A titled group of menu items, optionally a single-choice group (`selectionMode="single"`). */
export function MenuSection<T extends object>({
  title,
  children,
  ...props
}: MenuSectionProps<T> & { title?: string; children: ReactNode }) {
  return (
    <AriaMenuSection {...props} className="menu-section">
      {title && <Header className="menu-section__title">{title}</Header>}
      {children}
    </AriaMenuSection>
  )
}

/** A line between groups of menu items. */
export function MenuSeparator() {
  return <Separator className="menu-separator" />
}

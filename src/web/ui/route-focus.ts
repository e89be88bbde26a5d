let isFocusPending = false

/** Called when the route changes: the next page heading to mount will take the focus. */
export function requestHeadingFocus(): void {
  isFocusPending = true
}

/** True once after `requestHeadingFocus`: the caller then moves the focus to its heading. */
export function takeHeadingFocus(): boolean {
  const pending = isFocusPending
  isFocusPending = false
  return pending
}

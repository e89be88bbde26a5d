import type { TFunction } from 'i18next'
import type { ActivationState } from '../../../../contract/accounts.ts'

/** The words and tone of an activation state: activated (green), waiting (neutral), expired (red). */
export function activationLabel(
  t: TFunction,
  state: ActivationState,
  codeExpiresAt: string | null,
  language: string,
): { text: string; tone: 'ok' | 'waiting' | 'problem' } {
  const k = 'administration.accounts.activation' as const
  switch (state) {
    case 'activated':
      return { text: t(`${k}.activated`), tone: 'ok' }
    case 'pending': {
      const until = codeExpiresAt
        ? new Intl.DateTimeFormat(language, { dateStyle: 'short' }).format(new Date(codeExpiresAt))
        : ''
      return { text: t(`${k}.pending`, { date: until }), tone: 'waiting' }
    }
    case 'expired':
      return { text: t(`${k}.expired`), tone: 'problem' }
    case 'no-code':
      return { text: t(`${k}.noCode`), tone: 'problem' }
  }
}

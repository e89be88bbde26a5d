import { FEED_APP_NAMES } from '../../../contract/feed.ts'
import type { MailMessage } from '../../plugins/mail.ts'
import type { PendingItem, PendingMail } from './queries.ts'

/** Where the web app shows and reports items; the e-mails lead there. */
export const PREFERENCES_PATH = '/mon-compte/notifications'
export const reportPath = (itemId: string) => `/quoi-de-neuf/signaler/${itemId}`

const describe = (item: PendingItem, publicUrl: string) =>
  [
    `${FEED_APP_NAMES[item.app]} — ${item.title}`,
    ...(item.summary ? [item.summary] : []),
    `Voir : ${publicUrl}${item.link}`,
    `Inapproprié ? Signalez-le : ${publicUrl}${reportPath(item.id)}`,
  ].join('\n')

const foot = (publicUrl: string) =>
  `Vous recevez cet e-mail selon vos préférences de notification, à changer ici : ${publicUrl}${PREFERENCES_PATH}`

/** One event, as soon as it happens (frequency « immédiatement »). */
export function immediateMail(mail: PendingMail, publicUrl: string): MailMessage {
  const [first] = mail.items
  if (mail.items.length === 1 && first) {
    return {
      to: mail.email,
      subject: `${FEED_APP_NAMES[first.app]} : ${first.title}`,
      text: [`Bonjour ${mail.firstName},`, '', describe(first, publicUrl), '', foot(publicUrl)].join('\n'),
    }
  }
  return digestMail(mail, publicUrl, 'immediate')
}

/** What happened since the last e-mail, in one message. */
export function digestMail(
  mail: PendingMail,
  publicUrl: string,
  period: 'daily' | 'weekly' | 'immediate',
): MailMessage {
  const count = mail.items.length
  const news = count === 1 ? '1 nouveauté' : `${count} nouveautés`
  const subject =
    period === 'weekly'
      ? `Votre semaine sur Préau : ${news}`
      : period === 'daily'
        ? `Votre journée sur Préau : ${news}`
        : `Préau : ${news}`
  return {
    to: mail.email,
    subject,
    text: [
      `Bonjour ${mail.firstName},`,
      '',
      `Voici ce qui vous concerne et que vous n’avez pas encore lu (${news}) :`,
      '',
      mail.items.map((item) => describe(item, publicUrl)).join('\n\n'),
      '',
      `Tout voir : ${publicUrl}/`,
      '',
      foot(publicUrl),
    ].join('\n'),
  }
}

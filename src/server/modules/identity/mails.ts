import type { MailMessage } from '../../plugins/mail.ts'

/** The e-mails of the identity module, in plain French, with a text part always. */
const SIGNATURE =
  '\n\n— Préau, l’espace numérique de votre école\nCet e-mail est envoyé automatiquement : n’y répondez pas.'

export function passwordResetMail(
  to: string,
  displayName: string,
  link: string,
  validMinutes: number,
): MailMessage {
  return {
    to,
    subject: 'Préau : choisir un nouveau mot de passe',
    text:
      `Bonjour ${displayName},\n\n` +
      `Quelqu’un (vous, sans doute) a demandé à changer le mot de passe de votre compte Préau.\n` +
      `Pour choisir un nouveau mot de passe, ouvrez ce lien dans les ${validMinutes} minutes :\n\n${link}\n\n` +
      `Le lien ne sert qu’une fois. Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : ` +
      `votre mot de passe actuel reste valable.${SIGNATURE}`,
  }
}

export function newDeviceMail(to: string, displayName: string, device: string, when: Date): MailMessage {
  const date = when.toLocaleString('fr-FR', {
    timeZone: 'Europe/Paris',
    dateStyle: 'full',
    timeStyle: 'short',
  })
  return {
    to,
    subject: 'Préau : connexion depuis un nouvel appareil',
    text:
      `Bonjour ${displayName},\n\n` +
      `Votre compte Préau vient d’être utilisé depuis un appareil que nous ne connaissions pas :\n` +
      `  ${device}\n  le ${date}\n\n` +
      `Si c’est vous, il n’y a rien à faire. Sinon, changez tout de suite votre mot de passe et fermez les ` +
      `sessions que vous ne reconnaissez pas dans « Mon compte », puis prévenez votre direction d’école.${SIGNATURE}`,
  }
}

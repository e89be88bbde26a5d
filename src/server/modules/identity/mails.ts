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

/** Wrong second-factor codes after a right password: the password is probably known to someone. */
export function wrongCodesMail(to: string, displayName: string, locked: boolean): MailMessage {
  return {
    to,
    subject: locked
      ? 'Préau : double authentification bloquée'
      : 'Préau : codes de double authentification erronés',
    text:
      `Bonjour ${displayName},\n\n` +
      `Quelqu’un a saisi votre mot de passe Préau puis plusieurs codes de double authentification erronés.\n` +
      (locked
        ? `Par précaution, les codes de votre application d’authentification sont désormais refusés. Pour ` +
          `vous connecter, utilisez un de vos codes de secours, ou demandez à un administrateur de ` +
          `réinitialiser votre double authentification.\n\n`
        : `Chaque nouvel essai doit maintenant attendre un peu plus longtemps ; après encore quelques ` +
          `erreurs, seuls vos codes de secours permettront de vous connecter.\n\n`) +
      `Si ce n’était pas vous, votre mot de passe est sans doute connu d’un tiers : changez-le dès que ` +
      `possible et prévenez votre administrateur.${SIGNATURE}`,
  }
}

/** An administrator reset the person's second factor: they enrol an app again at their next sign-in. */
export function secondFactorResetMail(to: string, displayName: string): MailMessage {
  return {
    to,
    subject: 'Préau : double authentification réinitialisée',
    text:
      `Bonjour ${displayName},\n\n` +
      `Un administrateur a réinitialisé la double authentification de votre compte Préau : votre ` +
      `application d’authentification et vos codes de secours ne fonctionnent plus, et vos sessions ` +
      `ouvertes ont été fermées. À votre prochaine connexion, vous associerez de nouveau une application.\n\n` +
      `Si vous n’avez rien demandé, prévenez votre administrateur sans attendre.${SIGNATURE}`,
  }
}

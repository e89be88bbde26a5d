import type { MailMessage } from '../../plugins/mail.ts'

/** The e-mails that tell a person their accounts were merged, or the merge undone. */
const SIGNATURE =
  '\n\n— Préau, l’espace numérique de votre école\nCet e-mail est envoyé automatiquement : n’y répondez pas.'

export function mergedMail(
  to: string,
  displayName: string,
  keptLogin: string,
  mergedLogin: string,
  undoDays: number,
): MailMessage {
  return {
    to,
    subject: 'Préau : vos deux comptes n’en font plus qu’un',
    text:
      `Bonjour ${displayName},\n\n` +
      `Vous aviez deux comptes Préau, « ${keptLogin} » et « ${mergedLogin} » (par exemple un par école de ` +
      `vos enfants). Un administrateur les a réunis : désormais, connectez-vous avec l’identifiant ` +
      `« ${keptLogin} » et son mot de passe. Vous y retrouvez toutes vos écoles, vos enfants et vos ` +
      `classes ; l’identifiant « ${mergedLogin} » ne permet plus de se connecter.\n\n` +
      `S’il s’agit d’une erreur (ces comptes ne sont pas tous deux les vôtres), prévenez votre école : ` +
      `la réunion peut être annulée pendant ${undoDays} jours.${SIGNATURE}`,
  }
}

export function undoneMail(
  to: string,
  displayName: string,
  keptLogin: string,
  mergedLogin: string,
): MailMessage {
  return {
    to,
    subject: 'Préau : la réunion de vos comptes est annulée',
    text:
      `Bonjour ${displayName},\n\n` +
      `Un administrateur a annulé la réunion des comptes Préau « ${keptLogin} » et « ${mergedLogin} » : ` +
      `chacun retrouve ses écoles et ses enfants, et se connecte à nouveau avec son propre identifiant et ` +
      `son mot de passe.${SIGNATURE}`,
  }
}

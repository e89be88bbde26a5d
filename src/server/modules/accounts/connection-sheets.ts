import type { MailMessage } from '../../plugins/mail.ts'
import { formatActivationCode } from '../identity/index.ts'
import type { ClassPerson } from './class-people.ts'

/**
 * A connection sheet: what a person needs to activate their account, printed (PDF), listed (CSV) or
 * e-mailed to a parent. The code sits in the URL's fragment, which browsers never send to a server.
 */
export type ConnectionSheet = {
  schoolName: string
  className: string
  profile: 'pupil' | 'parent'
  firstName: string
  lastName: string
  displayName: string
  /** For a parent: their children in the class. */
  children: string[]
  login: string
  /** `abcd-efgh` */
  code: string
  expiresAt: Date
  /** The activation page, to type the login and code by hand. */
  activationPage: string
  /** The same page with the login and code filled in: the QR code's content. */
  activationLink: string
}

export function buildSheet(
  person: ClassPerson,
  where: { schoolName: string; className: string; publicUrl: string },
): ConnectionSheet {
  if (!person.code || !person.codeExpiresAt) throw new Error(`${person.id} has no activation code`)
  const activationPage = `${where.publicUrl}/activation`
  const fragment = new URLSearchParams({ identifiant: person.login, code: person.code }).toString()
  return {
    schoolName: where.schoolName,
    className: where.className,
    profile: person.profile,
    firstName: person.firstName,
    lastName: person.lastName,
    displayName: person.displayName,
    children: person.children,
    login: person.login,
    code: formatActivationCode(person.code),
    expiresAt: person.codeExpiresAt,
    activationPage,
    activationLink: `${activationPage}#${fragment}`,
  }
}

const PARIS = 'Europe/Paris'

/** `12 mars 2026`, as the day is in France. */
export function frenchDay(date: Date): string {
  return date.toLocaleDateString('fr-FR', { timeZone: PARIS, day: 'numeric', month: 'long', year: 'numeric' })
}

/** `12/03/2026`, as the day is in France. */
function frenchShortDate(date: Date): string {
  return date.toLocaleDateString('fr-FR', {
    timeZone: PARIS,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  })
}

const PROFILE_LABEL = { pupil: 'Élève', parent: 'Parent' } as const

const CSV_HEADER = ['Nom', 'Prénom', 'Profil', 'Classe', 'Identifiant', "Code d'activation", 'Expire le']

/**
 * A cell of a `;`-separated file: quoted when it holds a separator, a quote or a line break; a leading
 * `= + - @` is neutralised so that a spreadsheet never runs a name as a formula.
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** The sheets as a CSV a spreadsheet opens as is: UTF-8 with BOM, `;`, CRLF. */
export function connectionSheetsCsv(sheets: ConnectionSheet[]): string {
  const lines = [
    CSV_HEADER,
    ...sheets.map((sheet) => [
      sheet.lastName,
      sheet.firstName,
      PROFILE_LABEL[sheet.profile],
      sheet.className,
      sheet.login,
      sheet.code,
      frenchShortDate(sheet.expiresAt),
    ]),
  ]
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(';')).join('\r\n')}\r\n`
}

/** A parent's sheet as an e-mail: the same content as on paper, with the link to open. */
export function connectionSheetMail(to: string, sheet: ConnectionSheet): MailMessage {
  const children = sheet.children.length > 0 ? ` (parent de ${sheet.children.join(', ')})` : ''
  return {
    to,
    subject: `Préau : votre compte pour l’école ${sheet.schoolName}`,
    text:
      `Bonjour ${sheet.displayName}${children},\n\n` +
      `Voici de quoi activer votre compte Préau, l’espace numérique de l’école ${sheet.schoolName} ` +
      `(classe ${sheet.className}).\n\n` +
      `  Identifiant : ${sheet.login}\n` +
      `  Code d’activation : ${sheet.code} (valable jusqu’au ${frenchDay(sheet.expiresAt)})\n\n` +
      `Ouvrez ce lien, l’identifiant et le code y sont déjà saisis :\n${sheet.activationLink}\n\n` +
      `Ou rendez-vous sur ${sheet.activationPage}, saisissez votre identifiant et ce code, ` +
      `puis choisissez un mot de passe.\n\n` +
      `Ce code ne sert qu’une fois : ne le transmettez à personne.` +
      `\n\n— Préau, l’espace numérique de votre école\nCet e-mail est envoyé automatiquement : n’y répondez pas.`,
  }
}

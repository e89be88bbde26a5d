import type { FastifyRequest } from 'fastify'
import { sql } from 'kysely'
import type { z } from 'zod'
import type {
  AccountDuplicate,
  AccountDuplicateDecisionBody,
  ImportReport,
} from '../../../../contract/imports.ts'
import type { Db } from '../../../db/connection.ts'
import { HttpProblem } from '../../../plugins/errors.ts'
import type { MailMessage } from '../../../plugins/mail.ts'
import { auditAuthorOf, recordAudit, writeAudit } from '../../audit/index.ts'
import { findPairs, type PairRow } from './account-duplicates.queries.ts'

/**
 * Directors decide the « doublons possibles » across schools of their school's dry run (ADR 0014):
 * « C'est la même personne » — the rows join the other school's account at apply (the import's join
 * path: a membership and family links, no account created), the person is told by e-mail then;
 * « Ce sont deux personnes » — a new account, and no later import of the school asks again. A decision
 * is remembered per school, person (folded names) and account, audited, and never taken twice.
 */

type Decision = z.output<typeof AccountDuplicateDecisionBody>

const notFound = () => new HttpProblem(404, 'not-found', 'Ce doublon possible n’existe pas dans cet import.')

/** `m•••@exemple.fr`: enough for a director to recognise a person, not to write to them. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null
  const at = email.lastIndexOf('@')
  if (at < 1) return '•••'
  return `${email[0]}•••${email.slice(at)}`
}

/** `06 •• •• •• 78`: the kind of number and its last two digits. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null
  const digits = phone.replace(/[^\d+]/g, '')
  if (digits.length < 4) return '••'
  return `${digits.slice(0, 2)} •• •• •• ${digits.slice(-2)}`
}

function toDuplicate(row: PairRow, schoolName: string): AccountDuplicate {
  return {
    profile: row.profile,
    line: row.line,
    userId: row.otherUserId,
    decision: row.decision,
    imported: {
      displayName: row.importedName,
      schools: [schoolName],
      ties: row.importedTies,
      email: maskEmail(row.importedEmail),
      phone: maskPhone(row.importedPhone),
    },
    existing: {
      displayName: row.otherName,
      schools: row.otherSchools,
      ties: row.otherTies,
      email: maskEmail(row.otherEmail),
      phone: maskPhone(row.otherPhone),
    },
  }
}

/** The school's run, or 404 (another school's run is « introuvable » like one that does not exist). */
async function runOf(db: Db, runId: string, schoolId: string) {
  const run = await db
    .selectFrom('importRuns')
    .select(['id', 'status'])
    .where('id', '=', runId)
    .where('schoolId', '=', schoolId)
    .executeTakeFirst()
  if (!run) throw new HttpProblem(404, 'not-found', 'Cet import n’existe pas.')
  return run
}

async function schoolName(db: Db, schoolId: string): Promise<string> {
  const school = await db.selectFrom('schools').select('name').where('id', '=', schoolId).executeTakeFirst()
  return school?.name ?? ''
}

/** The pairs of a school's run, pending and decided; reading them is audited (names, children, contacts). */
export async function listAccountDuplicates(
  request: FastifyRequest,
  runId: string,
  schoolId: string,
): Promise<{ items: AccountDuplicate[] }> {
  const db = request.server.db
  const run = await runOf(db, runId, schoolId)
  // Planned rows exist while the run is staged; afterwards the report says what happened.
  const pairs = run.status === 'staged' ? await findPairs(db, { runId, schoolId }) : []
  await recordAudit(request, {
    action: 'read:import-account-duplicates',
    schoolId,
    target: { type: 'import', id: runId },
  })
  const name = await schoolName(db, schoolId)
  return { items: pairs.map((pair) => toDuplicate(pair, name)) }
}

/**
 * Records one decision and plans the run again (`replan`: the run's service), so that the report's
 * counts say what apply will do. Refused: a pair not in the run (404), a run no longer a dry run, a
 * pair already decided (409).
 */
export async function decideAccountDuplicate(
  request: FastifyRequest,
  runId: string,
  schoolId: string,
  input: Decision,
  replan: () => Promise<ImportReport>,
): Promise<ImportReport> {
  const db = request.server.db
  const run = await runOf(db, runId, schoolId)
  if (run.status !== 'staged') {
    throw new HttpProblem(
      409,
      'import-closed',
      'Cet import n’est plus une simulation : un administrateur peut encore réunir les deux comptes.',
    )
  }
  const [pair] = await findPairs(db, {
    runId,
    schoolId,
    only: { profile: input.profile, line: input.line, otherUserId: input.userId },
  })
  if (!pair) throw notFound()
  if (pair.decision !== null) throw alreadyDecided()
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('importAccountDecisions')
      .values({
        schoolId,
        profile: input.profile,
        personKey: pair.personKey,
        otherUserId: input.userId,
        decision: input.decision,
        runId,
        decidedBy: request.actor?.userId ?? null,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst()
    // Two directors deciding at once: the first decision stands.
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw alreadyDecided()
    await writeAudit(trx, auditAuthorOf(request), {
      action: 'imports.decideAccountDuplicate',
      schoolId,
      target: { type: 'import', id: runId },
      details: {
        decision: input.decision,
        profile: input.profile,
        name: pair.importedName,
        otherUserId: input.userId,
      },
    })
  })
  return replan()
}

const alreadyDecided = () =>
  new HttpProblem(409, 'already-decided', 'Ce doublon possible a déjà été décidé : la décision est gardée.')

/**
 * At apply, in its transaction, before anyone joins: the people whose rows join their account on a
 * « même personne » decision (not yet of the school), to be told by e-mail as a merge tells them.
 */
export async function joinedByDecision(
  db: Db,
  runId: string,
): Promise<{ email: string; displayName: string; login: string; school: string }[]> {
  const { rows } = await sql<{ email: string; displayName: string; login: string; school: string }>`
    select distinct x.email, x.display_name, x.login, x.school from (
    -- The account's e-mail, or the one the files give (apply fills it into the account).
    select coalesce(u.email, (
        select min(g.email) from import_guardians g where g.run_id = ${runId} and g.school_id = d.school_id
          and g.user_id = d.other_user_id
      ), (
        select min(t.email) from import_teachers t where t.run_id = ${runId} and t.school_id = d.school_id
          and t.user_id = d.other_user_id
      )) as email, u.display_name, u.login, sc.name as school
    from import_account_decisions d
    join users u on u.id = d.other_user_id
    join schools sc on sc.id = d.school_id
    where d.decision = 'same' and (
      exists (select 1 from import_guardians g where g.run_id = ${runId} and g.school_id = d.school_id
        and g.user_id = d.other_user_id and d.profile = 'parent')
      or exists (select 1 from import_teachers t where t.run_id = ${runId} and t.school_id = d.school_id
        and t.user_id = d.other_user_id and d.profile = 'teacher'))
      and not exists (select 1 from memberships m where m.school_id = d.school_id and m.user_id = d.other_user_id)
    ) x where x.email is not null
  `.execute(db)
  return rows
}

const SIGNATURE =
  '\n\n— Préau, l’espace numérique de votre école\nCet e-mail est envoyé automatiquement : n’y répondez pas.'

export function joinedMail(to: {
  email: string
  displayName: string
  login: string
  school: string
}): MailMessage {
  return {
    to: to.email,
    subject: `Préau : votre compte rejoint ${to.school}`,
    text:
      `Bonjour ${to.displayName},\n\n` +
      `La direction de ${to.school} a reconnu que vous avez déjà un compte Préau dans une autre école. ` +
      `Plutôt qu’un second compte, votre compte « ${to.login} » rejoint ${to.school} : connectez-vous ` +
      `comme d’habitude, vous y retrouvez toutes vos écoles.\n\n` +
      `S’il s’agit d’une erreur (ce n’est pas vous que cette école attendait), prévenez l’école.${SIGNATURE}`,
  }
}

import type {
  AdhesionBody,
  CirconscriptionsResponse,
  ContactBody,
  DeploymentStatus,
  DeploymentStatusBody,
  MemberDetail,
  MemberSummary,
  WithdrawalBody,
} from '../../../contract/members.ts'
import type { Db } from '../../db/connection.ts'
import type { Actor } from '../../plugins/auth/actor.ts'
import { fieldProblem, HttpProblem, notFound } from '../../plugins/errors.ts'
import { type AuditAuthor, auditedChange } from '../audit/index.ts'
import * as q from './queries.ts'

const MEMBER_NOT_FOUND = 'Membre introuvable.'

/** The collectivities `actor` may read: all for the syndicate (null), else their own. */
export async function readableIds(db: Db, actor: Actor): Promise<string[] | null> {
  if (actor.isSyndicateAdmin) return null
  const agentOf = await q.findAgentCollectivityIds(db, actor.userId)
  return [...new Set([...actor.collectivityAdminOf, ...agentOf])]
}

function toSummary(row: q.MemberRow): MemberSummary {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    siren: row.siren,
    inseeCodes: row.communeCodes.length > 0 ? row.communeCodes : row.inseeCode ? [row.inseeCode] : [],
    adhesion:
      row.adheredOn && row.adhesionDeliberation && row.adhesionDeliberationOn
        ? {
            adheredOn: row.adheredOn,
            deliberation: { reference: row.adhesionDeliberation, date: row.adhesionDeliberationOn },
            withdrawnOn: row.withdrawnOn,
            withdrawalDeliberation:
              row.withdrawalDeliberation && row.withdrawalDeliberationOn
                ? { reference: row.withdrawalDeliberation, date: row.withdrawalDeliberationOn }
                : null,
            population: row.population ?? 0,
            populationYear: row.populationYear ?? 0,
          }
        : null,
    schools: row.schools ?? 0,
    openSchools: row.openSchools ?? 0,
  }
}

export async function listMembers(db: Db, actor: Actor): Promise<MemberSummary[]> {
  const rows = await q.findMembers(db, await readableIds(db, actor))
  return rows.map(toSummary)
}

/** One member with its contacts and schools; 404 when `actor` may not read it. */
export async function readMember(
  db: Db,
  actor: Actor,
  collectivityId: string,
): Promise<Omit<MemberDetail, 'allowedActions'>> {
  const ids = await readableIds(db, actor)
  if (ids && !ids.includes(collectivityId)) throw notFound(MEMBER_NOT_FOUND)
  const [row] = await q.findMembers(db, [collectivityId])
  if (!row) throw notFound(MEMBER_NOT_FOUND)
  const [contacts, schools] = await Promise.all([
    q.findContacts(db, collectivityId),
    q.findMemberSchools(db, collectivityId),
  ])
  const events = await q.findDeploymentEvents(
    db,
    schools.map((school) => school.id),
  )
  return {
    ...toSummary(row),
    contacts,
    schoolList: schools.map((school) => ({
      ...school,
      history: events.filter((event) => event.schoolId === school.id),
    })),
  }
}

async function existingCollectivity(db: Db, collectivityId: string): Promise<void> {
  const [row] = await q.findMembers(db, [collectivityId])
  if (!row) throw notFound(MEMBER_NOT_FOUND)
}

export async function recordAdhesion(
  db: Db,
  author: AuditAuthor,
  collectivityId: string,
  body: AdhesionBody,
): Promise<void> {
  await existingCollectivity(db, collectivityId)
  const current = await q.findAdhesion(db, collectivityId)
  if (current?.withdrawnOn && current.withdrawnOn <= body.adheredOn)
    throw fieldProblem('adheredOn', 'L’adhésion doit précéder le retrait déjà enregistré.')
  await auditedChange(
    db,
    author,
    (trx) => q.upsertAdhesion(trx, collectivityId, body),
    () => ({
      action: 'members.recordAdhesion',
      target: { type: 'collectivity', id: collectivityId },
      details: { adheredOn: body.adheredOn, deliberation: body.deliberation.reference },
    }),
  )
}

export async function recordWithdrawal(
  db: Db,
  author: AuditAuthor,
  collectivityId: string,
  body: WithdrawalBody,
): Promise<void> {
  await existingCollectivity(db, collectivityId)
  const current = await q.findAdhesion(db, collectivityId)
  if (!current)
    throw new HttpProblem(409, 'not-a-member', 'Cette collectivité n’a pas adhéré : il n’y a rien à retirer.')
  if (body.withdrawnOn <= current.adheredOn)
    throw fieldProblem('withdrawnOn', 'Le retrait doit suivre l’adhésion.')
  await auditedChange(
    db,
    author,
    (trx) => q.updateWithdrawal(trx, collectivityId, body),
    () => ({
      action: 'members.recordWithdrawal',
      target: { type: 'collectivity', id: collectivityId },
      details: { withdrawnOn: body.withdrawnOn, deliberation: body.deliberation.reference },
    }),
  )
}

export async function addContact(
  db: Db,
  author: AuditAuthor,
  collectivityId: string,
  body: ContactBody,
): Promise<string> {
  const current = await q.findAdhesion(db, collectivityId)
  if (!current) {
    await existingCollectivity(db, collectivityId)
    throw new HttpProblem(409, 'not-a-member', 'Enregistrez d’abord l’adhésion de cette collectivité.')
  }
  const { id } = await auditedChange(
    db,
    author,
    (trx) => q.insertContact(trx, collectivityId, body),
    () => ({
      action: 'members.addContact',
      target: { type: 'collectivity', id: collectivityId },
      details: { name: body.name },
    }),
  )
  return id
}

export async function removeContact(
  db: Db,
  author: AuditAuthor,
  collectivityId: string,
  contactId: string,
): Promise<void> {
  await auditedChange(
    db,
    author,
    async (trx) => {
      if (!(await q.deleteContact(trx, collectivityId, contactId))) throw notFound('Contact introuvable.')
    },
    () => ({ action: 'members.removeContact', target: { type: 'collectivity', id: collectivityId } }),
  )
}

const ORDER: DeploymentStatus[] = ['requested', 'preparing', 'open', 'closed']
export const STATUS_LABEL: Record<DeploymentStatus, string> = {
  requested: 'demandée',
  preparing: 'en préparation',
  open: 'ouverte',
  closed: 'fermée',
}

/**
 * A school's deployment moves forward (requested → preparing → open → closed, steps may be skipped);
 * a closed school may be requested again. The date of a step is never before the previous one.
 */
export async function setDeploymentStatus(
  db: Db,
  author: AuditAuthor,
  schoolId: string,
  body: DeploymentStatusBody,
): Promise<void> {
  const current = await q.findDeployment(db, schoolId)
  if (current) {
    const forward = ORDER.indexOf(body.status) > ORDER.indexOf(current.status)
    const reopening = current.status === 'closed' && body.status === 'requested'
    if (!forward && !reopening)
      throw fieldProblem(
        'status',
        `Le déploiement ne revient pas en arrière : l’école est « ${STATUS_LABEL[current.status]} ».`,
      )
    const last = [current.requestedOn, current.preparingOn, current.openedOn, current.closedOn]
      .filter((day): day is string => day !== null)
      .sort()
      .at(-1)
    if (last && body.effectiveOn < last)
      throw fieldProblem('effectiveOn', `La date ne peut précéder l’étape précédente (${last}).`)
  }
  await auditedChange(
    db,
    author,
    (trx) => q.recordDeploymentStatus(trx, schoolId, body, author.actorId),
    () => ({
      action: 'members.setDeploymentStatus',
      schoolId,
      target: { type: 'school', id: schoolId },
      details: { status: body.status, effectiveOn: body.effectiveOn },
    }),
  )
}

export async function listAssignments(db: Db) {
  const [assignments, circonscriptions, academics] = await Promise.all([
    q.findAssignments(db),
    q.findKnownCirconscriptions(db),
    q.findAcademics(db),
  ])
  return { assignments, circonscriptions, academics }
}

export async function addAssignment(
  db: Db,
  author: AuditAuthor,
  body: { userId: string; circonscription: string; role: 'ien' | 'digital_adviser' | 'educational_adviser' },
): Promise<void> {
  if (!(await q.isAcademic(db, body.userId)))
    throw fieldProblem('userId', 'Cette personne n’a pas le profil « personnel académique ».')
  await auditedChange(
    db,
    author,
    (trx) => q.insertAssignment(trx, body),
    (inserted) =>
      inserted
        ? {
            action: 'members.assignAcademic',
            target: { type: 'user', id: body.userId },
            details: { circonscription: body.circonscription, role: body.role },
          }
        : null,
  )
}

export async function removeAssignment(db: Db, author: AuditAuthor, assignmentId: string): Promise<void> {
  await auditedChange(
    db,
    author,
    async (trx) => {
      const removed = await q.deleteAssignment(trx, assignmentId)
      if (!removed) throw notFound('Rattachement introuvable.')
      return removed
    },
    (removed) => ({
      action: 'members.unassignAcademic',
      target: { type: 'user', id: removed.userId },
      details: { circonscription: removed.circonscription },
    }),
  )
}

/** The académie's view: the schools of the actor's circonscriptions and their deployment only. */
export async function readCirconscriptions(db: Db, userId: string): Promise<CirconscriptionsResponse> {
  const [assignments, rows] = await Promise.all([
    q.findAssignmentsOf(db, userId),
    q.findCirconscriptionSchools(db, userId),
  ])
  return {
    circonscriptions: assignments.map((assignment) => ({
      name: assignment.circonscription,
      role: assignment.role,
      schools: rows
        .filter((row) => row.circonscriptionName === assignment.circonscription)
        .map(({ circonscriptionName: _name, role: _role, ...school }) => school),
    })),
  }
}

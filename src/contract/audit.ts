import { z } from 'zod'
import { Timestamp } from './timestamp.ts'

const str = z.string().optional()
const num = z.number().optional()
const ids = z.array(z.string()).optional()
/** Details are loose objects: the fields a sentence uses are typed, an entry may carry more. */
const details = <Shape extends z.core.$ZodLooseShape>(shape: Shape) => z.looseObject(shape)
const none = details({})
const adminRole = details({ role: str, collectivityId: str.nullable() })
const created = details({ created: num })

/**
 * Every action the trail records, with what its details say: `module.verb` for changes, `read:` + what was
 * read for an administrator's read of personal data. The server writes only these (`recordAudit` takes
 * them) and the web has a sentence for each (its switch is exhaustive: a missing sentence is a type error).
 */
export const AUDIT_DETAILS = {
  'structures.addCollectivity': details({ name: str, siren: str }),
  'structures.editCollectivity': none,
  'structures.addSchool': details({ uai: str }),
  'structures.editSchool': none,
  'structures.appointDirector': none,
  'structures.removeDirector': none,
  'structures.grantAdministrator': adminRole,
  'structures.revokeAdministrator': adminRole,
  'structures.addSchoolYear': details({ label: str }),
  'structures.addClass': details({ name: str, levels: ids }),
  'structures.editClass': details({ name: str, levels: ids }),
  'structures.archiveClass': none,
  'structures.assignTeacher': details({ userId: str }),
  'structures.unassignTeacher': details({ userId: str }),
  'structures.addGroup': details({ name: str }),
  'structures.editGroup': details({ name: str }),
  'structures.removeGroup': none,
  'structures.addGroupMembers': details({ userIds: ids }),
  'structures.removeGroupMembers': details({ userIds: ids }),
  'communication.addRule': none,
  'communication.removeRule': none,
  'read:class-families': none,
  'read:user': none,
  'read:connection-sheets': details({ count: num, format: str }),
  'accounts.createUser': details({ login: str, profile: str }),
  'accounts.editUser': none,
  'accounts.removeUser': none,
  'accounts.restoreUser': none,
  'accounts.linkFamily': details({ parentId: str }),
  'accounts.unlinkFamily': details({ parentId: str }),
  'accounts.issueActivationCode': none,
  'accounts.issueClassActivationCodes': details({ count: num }),
  'accounts.resetPupilPassword': none,
  'accounts.emailConnectionSheets': details({ queued: num }),
  'accounts.generateLoginCards': details({ count: num }),
  'accounts.enableLoginCards': none,
  'accounts.disableLoginCards': none,
  'schoolYears.open': details({ label: str, archivedClasses: num }),
  'schoolYears.scheduleDeletions': details({ scheduled: num }),
  'schoolYears.purgePersonalData': details({ anonymised: num, deleted: num }),
  'read:rollover-deletions': none,
  'schoolYears.objectToKeepingContributions': none,
  'schoolYears.withdrawObjection': none,
  'imports.apply': details({
    pupils: created.optional(),
    guardians: created.optional(),
    teachers: created.optional(),
  }),
  'read:import-anomalies': none,
  'read:import-account-duplicates': none,
  'imports.decideAccountDuplicate': details({ decision: str, profile: str, name: str, otherUserId: str }),
  'schoolDirectory.import': none,
  'deployment.editIdentity': details({ name: str }),
  'identity.lockSecondFactor': details({ failures: num }),
  'identity.unlockSecondFactor': details({ by: str }),
  'identity.resetSecondFactor': details({ wasLocked: z.boolean().optional() }),
  'messaging.recall': details({ recipients: num }),
  'messaging.report': none,
  'messaging.suspend': none,
  'messaging.liftSuspension': none,
  'feed.reportItem': details({ title: str, app: str, reason: str }),
  'governance.createMeeting': details({ heldAt: str }),
  'governance.sendConvocation': details({ channel: str, recipients: num }),
  'governance.recordAttendance': details({ delegateId: str, status: str }),
  'governance.recordTypedAttendance': none,
  'governance.addItem': details({ title: str }),
  'governance.recordVote': details({ outcome: str }),
  'governance.saveDeliberation': details({ number: str, version: num }),
  'governance.publishDeliberation': details({ number: str }),
  'governance.recordTransmission': details({ number: str }),
  'governance.recordMovement': details({ delegateId: str, kind: str, beforeItem: num }),
  'governance.removeMovement': none,
  'governance.recordWithdrawals': details({ withdrawn: num }),
  'governance.attachAnnex': details({ number: str, title: str }),
  'governance.removeAnnex': details({ number: str, title: str }),
  'governance.editBody': details({ name: str }),
  'governance.saveDelegate': details({ name: str }),
  'members.recordAdhesion': details({ adheredOn: str, deliberation: str }),
  'members.recordWithdrawal': details({ withdrawnOn: str, deliberation: str }),
  'members.addContact': details({ name: str }),
  'members.removeContact': none,
  'read:member-contacts': none,
  'members.setDeploymentStatus': details({ status: str, effectiveOn: str }),
  'members.assignAcademic': details({ circonscription: str, role: str }),
  'members.unassignAcademic': details({ circonscription: str }),
  'contributions.createRule': details({ year: num }),
  'contributions.editRule': details({ year: num }),
  'contributions.deleteRule': details({ year: num }),
  'contributions.adoptRule': details({ year: num, version: num, deliberation: str }),
  'contributions.reviseRule': details({ year: num, version: num, deliberation: str, reason: str }),
  'contributions.compute': details({ year: num, version: num, totalCents: num, members: num }),
  'contributions.exportCalls': details({ year: num, format: str }),
  'dataProtection.addActivity': details({ name: str }),
  'dataProtection.editActivity': details({ name: str }),
  'dataProtection.removeActivity': details({ name: str }),
  'personMerge.merge': details({ mergedUserId: str, mergedLogin: str, keptLogin: str, mergeId: str }),
  'personMerge.undo': details({ keptUserId: str, keptLogin: str, mergedLogin: str, mergeId: str }),
  'read:people-search': details({ query: str, count: num }),
  'read:person-comparison': details({ otherUserId: str }),
  'flashMessages.post': details({
    profiles: ids,
    schools: num,
    startsOn: str,
    endsOn: str,
    collectivityId: str.nullable(),
  }),
  'read:messaging-reports': details({ count: num }),
} as const

export type AuditAction = keyof typeof AUDIT_DETAILS
export const AUDIT_ACTIONS = Object.keys(AUDIT_DETAILS) as [AuditAction, ...AuditAction[]]
export const AuditActionSchema = z.enum(AUDIT_ACTIONS)
/** What the details of `action` say. */
export type AuditDetails<Action extends AuditAction> = z.infer<(typeof AUDIT_DETAILS)[Action]>

const AuditEntryBase = z.object({
  id: z.number().int(),
  at: Timestamp,
  actor: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  schoolId: z.uuid().nullable(),
  target: z
    .object({
      type: z.string(),
      id: z.string(),
      name: z
        .string()
        .nullable()
        .describe('Le nom actuel de la cible (personne, classe, groupe…) ; null si elle n’existe plus'),
    })
    .nullable(),
})

/** An entry of the trail, discriminated by its action (`At`: a `Date` on the server, a string in JSON). */
export type AuditEntryOf<At> = {
  [Action in AuditAction]: Omit<z.infer<typeof AuditEntryBase>, 'at'> & {
    at: At
    action: Action
    details: AuditDetails<Action>
  }
}[AuditAction]
export type AuditEntry = AuditEntryOf<Date>

export const AuditEntry = z.discriminatedUnion(
  'action',
  AUDIT_ACTIONS.map((action) =>
    AuditEntryBase.extend({ action: z.literal(action), details: AUDIT_DETAILS[action] }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<AuditEntry, AuditEntryOf<string>>

export const AuditQuery = z.object({
  before: z.coerce.number().int().positive().optional().describe('Keyset: entries with a smaller id'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  action: AuditActionSchema.optional(),
  actorId: z.uuid().optional(),
  /** Only administrators' reads of personal data (`read:…`): the data-protection officer's view. */
  reads: z.literal('personal-data').optional(),
})

export const AuditPage = z.object({ entries: z.array(AuditEntry), nextBefore: z.number().int().nullable() })
export type AuditPage = z.infer<typeof AuditPage>

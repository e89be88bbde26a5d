import type { TFunction } from 'i18next'
import type { AuditAction, AuditEntryOf } from '../../../../contract/audit.ts'
import type { Profile } from '../../../../contract/structures.ts'
import { backOfficeSentence } from '../../members/audit-sentence.ts'
import { type AudienceNames, isRuleShape, ruleSentence } from '../school/rule-sentence.ts'

/** An entry of the trail as the API sends it (dates as ISO strings), discriminated by its action. */
export type AuditEntryJson = AuditEntryOf<string>

/** What the trail can name by id: the classes and groups of the school, the schools, the collectivities. */
export type TrailNames = AudienceNames & {
  schools: ReadonlyMap<string, string>
  collectivities: ReadonlyMap<string, string>
}

const EMPTY = new Map<string, string>()
/** No names known: every reference is said generically. */
export const NO_NAMES: TrailNames = { classes: EMPTY, groups: EMPTY, schools: EMPTY, collectivities: EMPTY }

type Form = 'the' | 'of' | 'to'
const A = 'administration.audit' as const

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined
}

function count(value: unknown): number {
  return Array.isArray(value) ? value.length : typeof value === 'number' ? value : 0
}

/**
 * Every action code of the server, said as a plain sentence about what the person did, with the names
 * the entry carries or the page knows. The switch is exhaustive over the contract's actions: an action
 * without a sentence is a type error. An unknown code (a newer server) is shown as it is.
 */
export function actionSentence(t: TFunction, entry: AuditEntryJson, names: TrailNames): string {
  const d: Record<string, unknown> = entry.details
  const targetId = entry.target?.id ?? ''
  const ref = (kind: 'class' | 'group' | 'school' | 'collectivity', id: string | undefined, form: Form) => {
    const known =
      kind === 'class'
        ? names.classes
        : kind === 'group'
          ? names.groups
          : kind === 'school'
            ? names.schools
            : names.collectivities
    const name = id ? known.get(id) : undefined
    return name ? t(`${A}.refs.${kind}.${form}`, { name }) : t(`${A}.refs.${kind}.${form}Unknown`)
  }
  const klass = (form: Form) => ref('class', targetId, form)
  const group = (form: Form) => ref('group', targetId, form)
  const school = (form: Form) => ref('school', entry.schoolId ?? targetId, form)
  const adminScope = () =>
    d.role === 'syndicate_admin'
      ? t(`${A}.refs.syndicate`)
      : ref('collectivity', text(d.collectivityId), 'of')
  const profile = text(d.profile) as Profile | undefined

  switch (entry.action) {
    case 'feed.reportItem':
      return t(`${A}.actions.reportFeedItem`, { title: text(d.title) ?? '', reason: text(d.reason) || '—' })
    case 'deployment.editIdentity':
      return t(`${A}.actions.editDeploymentIdentity`, { name: text(d.name) ?? '' })
    case 'structures.addCollectivity':
      return t(`${A}.actions.addCollectivity`, { name: text(d.name) ?? '', siren: text(d.siren) ?? '' })
    case 'structures.editCollectivity':
      return t(`${A}.actions.editCollectivity`, { collectivity: ref('collectivity', targetId, 'the') })
    case 'structures.addSchool':
      return t(`${A}.actions.addSchool`, { school: school('the'), uai: text(d.uai) ?? '' })
    case 'structures.editSchool':
      return t(`${A}.actions.editSchool`, { school: school('of') })
    case 'structures.appointDirector':
      return t(`${A}.actions.appointDirector`, { school: school('of') })
    case 'structures.removeDirector':
      return t(`${A}.actions.removeDirector`, { school: school('of') })
    case 'structures.grantAdministrator':
      return t(`${A}.actions.grantAdministrator`, { scope: adminScope() })
    case 'structures.revokeAdministrator':
      return t(`${A}.actions.revokeAdministrator`, { scope: adminScope() })
    case 'structures.addSchoolYear':
      return t(`${A}.actions.addSchoolYear`, { label: text(d.label) ?? '' })
    case 'structures.addClass':
      return t(`${A}.actions.addClass`, {
        name: text(d.name) ?? '',
        levels: Array.isArray(d.levels) ? d.levels.join(', ') : '',
      })
    case 'structures.editClass':
      return text(d.name)
        ? t(`${A}.actions.renameClass`, { class: klass('the'), name: text(d.name) })
        : t(`${A}.actions.editClass`, { class: klass('of') })
    case 'structures.archiveClass':
      return t(`${A}.actions.archiveClass`, { class: klass('the') })
    case 'structures.assignTeacher':
      return t(`${A}.actions.assignTeacher`, { class: klass('to') })
    case 'structures.unassignTeacher':
      return t(`${A}.actions.unassignTeacher`, { class: klass('of') })
    case 'structures.addGroup':
      return t(`${A}.actions.addGroup`, { name: text(d.name) ?? '' })
    case 'structures.editGroup':
      return t(`${A}.actions.editGroup`, { group: group('the') })
    case 'structures.removeGroup':
      return t(`${A}.actions.removeGroup`, { group: group('the') })
    case 'structures.addGroupMembers':
      return t(`${A}.actions.addGroupMembers`, { count: count(d.userIds), group: group('to') })
    case 'structures.removeGroupMembers':
      return t(`${A}.actions.removeGroupMembers`, { count: count(d.userIds), group: group('of') })
    case 'communication.addRule':
      return isRuleShape(d)
        ? t(`${A}.actions.addRuleSaid`, { rule: ruleSentence(t, d, names) })
        : t(`${A}.actions.addRule`)
    case 'communication.removeRule':
      return t(`${A}.actions.removeRule`)
    case 'read:class-families':
      return t(`${A}.actions.readClassFamilies`, { class: klass('of') })
    case 'read:user':
      return t(`${A}.actions.readUser`)
    case 'read:connection-sheets':
      return t(`${A}.actions.readConnectionSheets`, {
        count: count(d.count),
        format: (text(d.format) ?? 'pdf').toUpperCase(),
        class: klass('of'),
      })
    case 'accounts.createUser':
      return t(`${A}.actions.createUser`, {
        login: text(d.login) ?? '',
        profile: profile ? t(`profiles.${profile}`) : '',
      })
    case 'accounts.editUser':
      return t(`${A}.actions.editUser`)
    case 'accounts.removeUser':
      return t(`${A}.actions.removeUser`)
    case 'accounts.restoreUser':
      return t(`${A}.actions.restoreUser`)
    case 'accounts.linkFamily':
      return t(`${A}.actions.linkFamily`)
    case 'accounts.unlinkFamily':
      return t(`${A}.actions.unlinkFamily`)
    case 'accounts.issueActivationCode':
      return t(`${A}.actions.issueActivationCode`)
    case 'accounts.issueClassActivationCodes':
      return t(`${A}.actions.issueClassActivationCodes`, { count: count(d.count), class: klass('of') })
    case 'accounts.resetPupilPassword':
      return t(`${A}.actions.resetPupilPassword`)
    case 'identity.lockSecondFactor':
      return t(`${A}.actions.lockSecondFactor`, { count: count(d.failures) })
    case 'identity.unlockSecondFactor':
      return t(`${A}.actions.unlockSecondFactor`)
    case 'identity.resetSecondFactor':
      return t(`${A}.actions.resetSecondFactor`)
    case 'messaging.recall':
      return t(`${A}.actions.recallMessage`, { count: count(d.recipients) })
    case 'messaging.report':
      return t(`${A}.actions.reportMessage`)
    case 'messaging.suspend':
      return t(`${A}.actions.suspendMessaging`)
    case 'messaging.liftSuspension':
      return t(`${A}.actions.liftMessagingSuspension`)
    case 'governance.createMeeting':
      return t(`${A}.actions.govCreateMeeting`, {
        heldAt: text(d.heldAt) ? new Date(text(d.heldAt) as string).toLocaleDateString('fr-FR') : '',
      })
    case 'governance.sendConvocation':
      return t(`${A}.actions.govSendConvocation`, {
        channel: text(d.channel) === 'paper' ? 'papier' : 'e-mail',
        recipients: count(d.recipients),
      })
    case 'governance.recordAttendance':
      return t(`${A}.actions.govRecordAttendance`, { status: text(d.status) ?? '' })
    case 'governance.recordTypedAttendance':
      return t(`${A}.actions.govRecordTypedAttendance`)
    case 'governance.addItem':
      return t(`${A}.actions.govAddItem`, { title: text(d.title) ?? '' })
    case 'governance.recordVote':
      return t(`${A}.actions.govRecordVote`, { outcome: text(d.outcome) ?? '' })
    case 'governance.saveDeliberation':
      return t(`${A}.actions.govSaveDeliberation`, {
        number: text(d.number) ?? '',
        version: count(d.version),
      })
    case 'governance.publishDeliberation':
      return t(`${A}.actions.govPublishDeliberation`, { number: text(d.number) ?? '' })
    case 'governance.recordTransmission':
      return t(`${A}.actions.govRecordTransmission`, { number: text(d.number) ?? '' })
    case 'governance.recordMovement':
      return t(
        text(d.kind) === 'arrival' ? `${A}.actions.govRecordArrival` : `${A}.actions.govRecordDeparture`,
        { item: count(d.beforeItem) },
      )
    case 'governance.removeMovement':
      return t(`${A}.actions.govRemoveMovement`)
    case 'governance.recordWithdrawals':
      return t(`${A}.actions.govRecordWithdrawals`, { count: count(d.withdrawn) })
    case 'governance.attachAnnex':
      return t(`${A}.actions.govAttachAnnex`, { title: text(d.title) ?? '', number: text(d.number) ?? '' })
    case 'governance.removeAnnex':
      return t(`${A}.actions.govRemoveAnnex`, { title: text(d.title) ?? '', number: text(d.number) ?? '' })
    case 'governance.editBody':
      return t(`${A}.actions.govEditBody`, { name: text(d.name) ?? '' })
    case 'governance.saveDelegate':
      return t(`${A}.actions.govSaveDelegate`, { name: text(d.name) ?? '' })
    case 'personMerge.merge':
      return t(`${A}.actions.mergeAccounts`, {
        merged: text(d.mergedLogin) ?? '?',
        kept: text(d.keptLogin) ?? '?',
      })
    case 'personMerge.undo':
      return t(`${A}.actions.undoMerge`, {
        merged: text(d.mergedLogin) ?? '?',
        kept: text(d.keptLogin) ?? '?',
      })
    case 'read:people-search':
      return t(`${A}.actions.readPeopleSearch`, { query: text(d.query) ?? '' })
    case 'read:person-comparison':
      return t(`${A}.actions.readPersonComparison`)
    case 'read:messaging-reports':
      return t(`${A}.actions.readMessagingReports`, { count: count(d.count) })
    case 'accounts.emailConnectionSheets':
      return t(`${A}.actions.emailConnectionSheets`, { count: count(d.queued), class: klass('of') })
    case 'accounts.generateLoginCards':
      return t(`${A}.actions.generateLoginCards`, { count: count(d.count), class: klass('of') })
    case 'accounts.enableLoginCards':
      return t(`${A}.actions.enableLoginCards`, { class: klass('of') })
    case 'accounts.disableLoginCards':
      return t(`${A}.actions.disableLoginCards`, { class: klass('of') })
    case 'schoolYears.open':
      return t(`${A}.actions.openSchoolYear`, { label: text(d.label) ?? '', count: count(d.archivedClasses) })
    case 'schoolYears.scheduleDeletions':
      return t(`${A}.actions.scheduleDeletions`, { count: count(d.scheduled) })
    case 'schoolYears.purgePersonalData':
      return t(`${A}.actions.purgePersonalData`, { count: count(d.anonymised) + count(d.deleted) })
    case 'read:rollover-deletions':
      return t(`${A}.actions.readRolloverDeletions`)
    case 'dataProtection.addActivity':
      return t(`${A}.actions.addProcessingActivity`, { name: text(d.name) ?? '' })
    case 'dataProtection.editActivity':
      return t(`${A}.actions.editProcessingActivity`, { name: text(d.name) ?? '' })
    case 'dataProtection.removeActivity':
      return t(`${A}.actions.removeProcessingActivity`, { name: text(d.name) ?? '' })
    case 'schoolYears.objectToKeepingContributions':
      return t(`${A}.actions.objectToKeepingContributions`)
    case 'schoolYears.withdrawObjection':
      return t(`${A}.actions.withdrawObjection`)
    case 'imports.apply': {
      const created = (key: string) => Number((d[key] as { created?: number } | undefined)?.created ?? 0)
      return t(`${A}.actions.importPeople`, {
        school: school('the'),
        pupils: created('pupils'),
        guardians: created('guardians'),
        teachers: created('teachers'),
      })
    }
    case 'read:import-anomalies':
      return t(`${A}.actions.readImportAnomalies`, { school: school('the') })
    case 'read:import-account-duplicates':
      return t(`${A}.actions.readImportAccountDuplicates`, { school: school('the') })
    case 'imports.decideAccountDuplicate':
      return t(
        d.decision === 'same' ? `${A}.actions.decideSameAccount` : `${A}.actions.decideDistinctAccounts`,
        { school: school('the'), name: text(d.name) ?? '' },
      )
    case 'schoolDirectory.import':
      return t(`${A}.actions.importSchoolDirectory`, { collectivity: ref('collectivity', targetId, 'the') })
    case 'members.recordAdhesion':
    case 'members.recordWithdrawal':
    case 'members.addContact':
    case 'members.removeContact':
    case 'read:member-contacts':
    case 'members.setDeploymentStatus':
    case 'members.assignAcademic':
    case 'members.unassignAcademic':
    case 'contributions.createRule':
    case 'contributions.editRule':
    case 'contributions.deleteRule':
    case 'contributions.adoptRule':
    case 'contributions.reviseRule':
    case 'contributions.compute':
    case 'contributions.exportCalls':
      return backOfficeSentence(t, entry.action, d)
    case 'flashMessages.post': {
      // No school named: every school of the one who posted it.
      const days = { from: text(d.startsOn) ?? '', to: text(d.endsOn) ?? '' }
      return count(d.schools) === 0
        ? t(`${A}.actions.postFlashMessageEverywhere`, days)
        : t(`${A}.actions.postFlashMessage`, { ...days, count: count(d.schools) })
    }
    default: {
      const unknown: never = entry
      return (unknown as { action: string }).action
    }
  }
}

/** The action codes a filter offers, with their plain names. */
export const FILTERABLE_ACTIONS = [
  'structures.addClass',
  'structures.editClass',
  'structures.archiveClass',
  'structures.assignTeacher',
  'structures.unassignTeacher',
  'structures.addGroup',
  'structures.editGroup',
  'structures.removeGroup',
  'structures.addGroupMembers',
  'structures.removeGroupMembers',
  'communication.addRule',
  'communication.removeRule',
  'read:class-families',
  'read:user',
  'read:connection-sheets',
  'accounts.createUser',
  'accounts.editUser',
  'accounts.removeUser',
  'accounts.resetPupilPassword',
  'accounts.issueActivationCode',
  'accounts.generateLoginCards',
  'structures.addSchool',
  'structures.editSchool',
  'structures.appointDirector',
  'structures.removeDirector',
  'structures.addCollectivity',
  'structures.editCollectivity',
  'structures.grantAdministrator',
  'structures.revokeAdministrator',
  'structures.addSchoolYear',
] as const satisfies readonly AuditAction[]

/** The key of an action's short name in filters: `structures.addClass` → `structures_addClass`. */
export function actionFilterKey(action: string): string {
  return action.replace(/[.:-]/g, '_')
}

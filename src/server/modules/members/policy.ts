import { definePolicies, onSchool, type SchoolAccess } from '../../plugins/policy/define.ts'

/**
 * The syndicate's staff manage its members and their schools' deployment; a collectivity's
 * administrators and agents read their own member (the service answers 404 for the others); the
 * académie's staff read the schools of the circonscriptions they are attached to.
 */
export const membersPolicies = definePolicies('members', {
  read: (actor) =>
    actor.isSyndicateAdmin ||
    actor.collectivityAdminOf.length > 0 ||
    actor.memberships.some((m) => m.profile === 'collectivity_agent'),
  manage: (actor) => actor.isSyndicateAdmin,
  setDeploymentStatus: onSchool((_actor, school: SchoolAccess) => school.viaSyndicateAdmin),
  manageAcademicAssignments: (actor) => actor.isSyndicateAdmin,
  readCirconscriptions: (actor) => actor.memberships.some((m) => m.profile === 'academic'),
})

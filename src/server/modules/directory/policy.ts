import { isDirectorOf } from '../../plugins/auth/actor.ts'
import { definePolicies, onSchool, type SchoolAccess } from '../../plugins/policy/define.ts'

export const directoryPolicies = definePolicies('directory', {
  /** Members search their school's directory (which only ever shows whom they may reach). */
  search: onSchool((_actor, school: SchoolAccess) => school.memberships.length > 0),
  /** The families of a class: its teachers and the director (checked per class in the service). */
  viewClassFamilies: onSchool(
    (actor, school: SchoolAccess) =>
      isDirectorOf(actor, school.schoolId) || school.memberships.some((m) => m.profile === 'teacher'),
  ),
})

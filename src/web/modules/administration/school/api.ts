import { useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import type { ClassList, ClassRow, GroupList, GroupRow } from '../../../../contract/administration.ts'
import type {
  CommunicationRule,
  CommunicationRuleBody,
  CommunicationRulesResponse,
} from '../../../../contract/communication.ts'
import type { DirectoryPage } from '../../../../contract/directory.ts'
import type { ClassLevel, Profile } from '../../../../contract/structures.ts'
import { apiDelete, apiGet, apiPatch, apiPost } from '../../../api/client.ts'
import { useChange } from '../components/mutation.ts'

/** Rows of a school's administration as the API sends them (the contract's wire side). */
export type SchoolClass = z.input<typeof ClassRow>
export type SchoolGroup = z.input<typeof GroupRow>
export type StoredRule = z.input<typeof CommunicationRule>

const school = (schoolId: string) => `/api/schools/${encodeURIComponent(schoolId)}`
const id = encodeURIComponent

/** Cache keys of one school's administration. */
const schoolKeys = {
  classes: (schoolId: string) => ['schools', schoolId, 'classes'] as const,
  groups: (schoolId: string) => ['schools', schoolId, 'groups'] as const,
  rules: (schoolId: string) => ['schools', schoolId, 'communication-rules'] as const,
  directory: (schoolId: string) => ['schools', schoolId, 'directory'] as const,
}

/** The classes of the current school year, with their teachers. */
export function useSchoolClasses(schoolId: string) {
  return useQuery({
    queryKey: schoolKeys.classes(schoolId),
    queryFn: () => apiGet<z.input<typeof ClassList>>(`${school(schoolId)}/classes`),
  })
}

// A class change also changes the school page (its classes) and the portal (a teacher's classes).
const classKeys = (schoolId: string) => [['schools', schoolId], ['portal']] as const

/** Creates a class of the current year. */
export function useCreateClass(schoolId: string) {
  return useChange(
    (body: { name: string; levels: ClassLevel[] }) =>
      apiPost<{ id: string }>(`${school(schoolId)}/classes`, body),
    classKeys(schoolId),
  )
}

/** Renames a class or changes its levels. */
export function useEditClass(schoolId: string) {
  return useChange(
    ({ classId, ...patch }: { classId: string; name?: string; levels?: ClassLevel[] }) =>
      apiPatch(`${school(schoolId)}/classes/${id(classId)}`, patch),
    classKeys(schoolId),
  )
}

/** Archives a class (its pupils stay in the school). */
export function useArchiveClass(schoolId: string) {
  return useChange(
    (classId: string) => apiDelete(`${school(schoolId)}/classes/${id(classId)}`),
    classKeys(schoolId),
  )
}

/** Assigns a teacher of the school to a class, or takes them off it. */
export function useClassTeacher(schoolId: string) {
  return useChange(
    ({ classId, userId, isAssigned }: { classId: string; userId: string; isAssigned: boolean }) =>
      isAssigned
        ? apiPost(`${school(schoolId)}/classes/${id(classId)}/teachers`, { userId })
        : apiDelete(`${school(schoolId)}/classes/${id(classId)}/teachers/${id(userId)}`),
    classKeys(schoolId),
  )
}

/** The manual groups of the school, with their members. */
export function useSchoolGroups(schoolId: string) {
  return useQuery({
    queryKey: schoolKeys.groups(schoolId),
    queryFn: () => apiGet<z.input<typeof GroupList>>(`${school(schoolId)}/groups`),
  })
}

/** Creates a manual group. */
export function useCreateGroup(schoolId: string) {
  return useChange(
    (body: { name: string; description?: string }) =>
      apiPost<{ id: string }>(`${school(schoolId)}/groups`, body),
    [schoolKeys.groups(schoolId)],
  )
}

/** Renames a group or changes its description. */
export function useEditGroup(schoolId: string) {
  return useChange(
    ({ groupId, ...patch }: { groupId: string; name?: string; description?: string }) =>
      apiPatch(`${school(schoolId)}/groups/${id(groupId)}`, patch),
    [schoolKeys.groups(schoolId)],
  )
}

/** Deletes a group (the rules that name it stop applying). */
export function useDeleteGroup(schoolId: string) {
  return useChange(
    (groupId: string) => apiDelete(`${school(schoolId)}/groups/${id(groupId)}`),
    [schoolKeys.groups(schoolId), schoolKeys.rules(schoolId)],
  )
}

/** Adds people to a group, or removes them. */
export function useGroupMembers(schoolId: string) {
  return useChange(
    ({ groupId, userIds, isAdded }: { groupId: string; userIds: string[]; isAdded: boolean }) =>
      apiPost(`${school(schoolId)}/groups/${id(groupId)}/members${isAdded ? '' : '/remove'}`, { userIds }),
    [schoolKeys.groups(schoolId)],
  )
}

/** The school's own communication rules. */
export function useCommunicationRules(schoolId: string) {
  return useQuery({
    queryKey: schoolKeys.rules(schoolId),
    queryFn: () =>
      apiGet<z.input<typeof CommunicationRulesResponse>>(`${school(schoolId)}/communication-rules`),
  })
}

/** Adds a rule between two audiences. */
export function useAddRule(schoolId: string) {
  return useChange(
    (body: z.input<typeof CommunicationRuleBody>) =>
      apiPost<{ id: string; warnings: { code: string; detail: string }[] }>(
        `${school(schoolId)}/communication-rules`,
        body,
      ),
    [schoolKeys.rules(schoolId), schoolKeys.directory(schoolId)],
  )
}

/** Deletes a rule. */
export function useDeleteRule(schoolId: string) {
  return useChange(
    (ruleId: string) => apiDelete(`${school(schoolId)}/communication-rules/${id(ruleId)}`),
    [schoolKeys.rules(schoolId), schoolKeys.directory(schoolId)],
  )
}

/**
 * The people of the school the user may reach whose name starts with `q`: asked from two letters on,
 * or at once when the search is limited to one profile (a school has few teachers).
 */
export function useDirectorySearch(schoolId: string, q: string, profile?: Profile) {
  const query = new URLSearchParams({ limit: '30' })
  if (q.trim()) query.set('q', q.trim())
  if (profile) query.set('profile', profile)
  return useQuery({
    queryKey: [...schoolKeys.directory(schoolId), q.trim(), profile ?? ''],
    queryFn: () => apiGet<DirectoryPage>(`${school(schoolId)}/directory?${query}`),
    enabled: q.trim().length >= 2 || Boolean(profile),
    placeholderData: (previous) => previous,
  })
}

import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  ActivationState,
  CreateUserBody,
  IssuedActivationCode,
  LoginCardsState,
  SchoolUser,
  SchoolUserDetail,
  SheetAudience,
  UsersPage,
} from '../../../../contract/accounts.ts'
import type { ClassFamilies } from '../../../../contract/directory.ts'
import type { Profile } from '../../../../contract/structures.ts'
import { apiDelete, apiGet, apiPatch, apiPost, apiPostForFile, apiPut } from '../../../api/client.ts'
import { useChange } from '../components/mutation.ts'

/** A person in the school's list, as the API sends it. */
export type UserRow = z.input<typeof SchoolUser>
/** A person's page, as the API sends it (with what the user may do to them). */
export type UserDetail = z.input<typeof SchoolUserDetail>
/** One page of the school's people (`nextAfter`: where the next page starts). */
type UsersPageJson = z.input<typeof UsersPage>
/** A code just issued, to give to the person. */
export type IssuedCode = z.input<typeof IssuedActivationCode>

/** The filters of the list of users. */
export type UserFilters = {
  q?: string
  profile?: Profile
  classId?: string
  activation?: ActivationState
  status?: 'current' | 'removed'
}

const school = (schoolId: string) => `/api/schools/${encodeURIComponent(schoolId)}`
const id = encodeURIComponent

/** Cache keys of the accounts of a school. */
const accountKeys = {
  all: (schoolId: string) => ['schools', schoolId, 'users'] as const,
  list: (schoolId: string, filters: UserFilters) => ['schools', schoolId, 'users', 'list', filters] as const,
  detail: (schoolId: string, userId: string) => ['schools', schoolId, 'users', 'detail', userId] as const,
  families: (schoolId: string, classId: string) =>
    ['schools', schoolId, 'classes', classId, 'families'] as const,
  cards: (schoolId: string, classId: string) =>
    ['schools', schoolId, 'classes', classId, 'login-cards'] as const,
}

function usersQuery(filters: UserFilters, after?: string, limit = 50): string {
  const query = new URLSearchParams({ limit: String(limit) })
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value)
  if (after) query.set('after', after)
  return query.toString()
}

/** The users of a school, page by page ("Afficher plus"), with the filters given. */
export function useSchoolUsers(schoolId: string, filters: UserFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: accountKeys.list(schoolId, filters),
    enabled,
    queryFn: ({ pageParam }) =>
      apiGet<UsersPageJson>(`${school(schoolId)}/users?${usersQuery(filters, pageParam)}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextAfter ?? undefined,
    placeholderData: (previous) => previous,
  })
}

/** The teachers of a school (one page is enough: a school has at most a few dozen). */
export function useSchoolTeachers(schoolId: string) {
  return useQuery({
    queryKey: accountKeys.list(schoolId, { profile: 'teacher' }),
    queryFn: async () =>
      (
        await apiGet<UsersPageJson>(
          `${school(schoolId)}/users?${usersQuery({ profile: 'teacher' }, undefined, 200)}`,
        )
      ).users,
  })
}

/** One user of the school, in detail (the server records the reading in the audit trail). */
export function useSchoolUser(schoolId: string, userId: string) {
  return useQuery({
    queryKey: accountKeys.detail(schoolId, userId),
    queryFn: () => apiGet<UserDetail>(`${school(schoolId)}/users/${id(userId)}`),
  })
}

/** Creates an account in the school; the answer holds its first activation code. */
export function useCreateUser(schoolId: string) {
  return useChange(
    (body: CreateUserBody) => apiPost<IssuedCode>(`${school(schoolId)}/users`, body),
    [accountKeys.all(schoolId), ['schools', schoolId]],
  )
}

/** Changes names, alias, contact details or birth date of an account. */
export function useEditUser(schoolId: string, userId: string) {
  return useChange(
    (patch: Record<string, string | null>) => apiPatch(`${school(schoolId)}/users/${id(userId)}`, patch),
    [accountKeys.all(schoolId)],
  )
}

/** Removes a person from the school (their account is kept), or restores them. */
export function useRemoval(schoolId: string, userId: string) {
  return useChange(
    (verb: 'remove' | 'restore') => apiPost(`${school(schoolId)}/users/${id(userId)}/${verb}`),
    [accountKeys.all(schoolId), ['schools', schoolId]],
  )
}

/** Gives a new activation code to an account not yet activated. */
export function useIssueCode(schoolId: string) {
  return useChange(
    (userId: string) => apiPost<IssuedCode>(`${school(schoolId)}/users/${id(userId)}/activation-code`),
    [accountKeys.all(schoolId)],
  )
}

/** Resets a pupil's password: their sessions close, a new code is given. */
export function useResetPupilPassword(schoolId: string) {
  return useChange(
    (userId: string) => apiPost<IssuedCode>(`${school(schoolId)}/users/${id(userId)}/password-reset`),
    [accountKeys.all(schoolId)],
  )
}

/** Resets a person's second factor (administrators above the school): they enrol again at next sign-in. */
export function useResetSecondFactor(schoolId: string) {
  return useChange(
    (userId: string) => apiPost<void>(`${school(schoolId)}/users/${id(userId)}/second-factor/reset`),
    [accountKeys.all(schoolId)],
  )
}

/** Links a parent to a pupil, or unlinks them. */
export function useFamilyLink(schoolId: string) {
  return useChange(
    ({ pupilId, parentId, isLinked }: { pupilId: string; parentId: string; isLinked: boolean }) => {
      const path = `${school(schoolId)}/users/${id(pupilId)}/parents/${id(parentId)}`
      return isLinked ? apiPut(path) : apiDelete(path)
    },
    [accountKeys.all(schoolId), ['schools', schoolId, 'classes']],
  )
}

/** Address of a class's connection sheets (PDF to print, or CSV), for pupils, parents or all. */
export function connectionSheetsUrl(
  schoolId: string,
  classId: string,
  format: 'pdf' | 'csv',
  audience: SheetAudience,
): string {
  return `${school(schoolId)}/classes/${id(classId)}/connection-sheets.${format}?for=${audience}`
}

/** A class's pupils with their parents (for its teachers and the director). */
export function useClassFamilies(schoolId: string, classId: string) {
  return useQuery({
    queryKey: accountKeys.families(schoolId, classId),
    queryFn: () => apiGet<ClassFamilies>(`${school(schoolId)}/classes/${id(classId)}/families`),
  })
}

/** The login cards of a class, as the API sends them. */
type LoginCardsJson = z.input<typeof LoginCardsState>

/** The class's login cards: on or off, and which pupils have one. */
export function useLoginCards(schoolId: string, classId: string) {
  return useQuery({
    queryKey: accountKeys.cards(schoolId, classId),
    queryFn: () => apiGet<LoginCardsJson>(`${school(schoolId)}/classes/${id(classId)}/login-cards`),
  })
}

/** Turns sign-in by card on or off for the class. */
export function useLoginCardsSetting(schoolId: string, classId: string) {
  return useChange(
    (enabled: boolean) =>
      apiPatch<LoginCardsJson>(`${school(schoolId)}/classes/${id(classId)}/login-cards`, { enabled }),
    [accountKeys.cards(schoolId, classId)],
  )
}

/** (Re)creates the cards of the class, or of some pupils, and returns the PDF to print. */
export function usePrintLoginCards(schoolId: string, classId: string) {
  return useChange(
    (pupilIds?: string[]) =>
      apiPostForFile(`${school(schoolId)}/classes/${id(classId)}/login-cards`, pupilIds ? { pupilIds } : {}),
    [accountKeys.cards(schoolId, classId)],
  )
}

import { z } from 'zod'
import { isValidInseeCode, isValidSiren, isValidUai } from './codes.ts'
import { resourceId, SchoolId } from './ids.ts'
import { ClassLevel, SchoolKind } from './structures.ts'

/** The administration of structures: collectivities, schools, administrators, years, classes, groups. */

const Siren = z
  .string()
  .trim()
  .refine(isValidSiren, 'SIREN invalide : 9 chiffres dont le dernier est une clé de contrôle.')
const InseeCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidInseeCode, 'Code INSEE invalide : 5 caractères (ex. 59350, 2A004).')
const Uai = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidUai, 'UAI invalide : 7 chiffres et une lettre de contrôle (ex. 0590318A).')

export const CollectivityBody = z
  .object({
    kind: z.enum(['commune', 'epci']),
    name: z.string().trim().min(2, 'Saisissez le nom de la collectivité.').max(200),
    siren: Siren,
    inseeCode: InseeCode.optional(),
    communeCodes: z.array(InseeCode).max(500).default([]),
    population: z.number().int().min(0).max(100_000_000).optional(),
  })
  .refine((c) => c.kind !== 'commune' || c.inseeCode, {
    message: 'Une commune a un code INSEE.',
    path: ['inseeCode'],
  })
export type CollectivityBody = z.infer<typeof CollectivityBody>

export const CollectivityPatch = z.object({
  name: z.string().trim().min(2).max(200).optional(),
  communeCodes: z.array(InseeCode).max(500).optional(),
  population: z.number().int().min(0).max(100_000_000).nullable().optional(),
})

export const Collectivity = z.object({
  id: z.uuid(),
  kind: z.enum(['commune', 'epci']),
  name: z.string(),
  siren: z.string(),
  inseeCode: z.string().nullable(),
  communeCodes: z.array(z.string()),
  population: z.number().int().nullable(),
  schoolCount: z.number().int(),
})
export const CollectivityList = z.object({ collectivities: z.array(Collectivity) })
export const CollectivityParams = z.object({ collectivityId: resourceId('Collectivité introuvable.') })

export const SchoolBody = z.object({
  collectivityId: z.uuid(),
  uai: Uai,
  name: z.string().trim().min(2, 'Saisissez le nom de l’école.').max(200),
  kind: SchoolKind,
  inseeCode: InseeCode,
  circonscription: z.string().trim().max(200).optional(),
  rpi: z.string().trim().max(200).optional(),
})
export type SchoolBody = z.infer<typeof SchoolBody>
export const SchoolPatch = SchoolBody.omit({ collectivityId: true, uai: true }).partial()

export const SchoolRow = z.object({
  id: z.uuid(),
  collectivityId: z.uuid(),
  collectivityName: z.string(),
  uai: z.string(),
  name: z.string(),
  kind: SchoolKind,
  inseeCode: z.string(),
  circonscription: z.string().nullable(),
  rpi: z.string().nullable(),
  classCount: z.number().int(),
  pupilCount: z.number().int(),
})
export const SchoolList = z.object({ schools: z.array(SchoolRow) })
export const SchoolListQuery = z.object({
  collectivityId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
})

export const AdministratorBody = z.object({
  login: z.string().trim().min(1).max(200),
  role: z.enum(['syndicate_admin', 'collectivity_admin']),
  collectivityId: z.uuid().optional(),
})
export const Administrator = z.object({
  userId: z.uuid(),
  login: z.string(),
  displayName: z.string(),
  role: z.enum(['syndicate_admin', 'collectivity_admin']),
  collectivityId: z.uuid().nullable(),
  collectivityName: z.string().nullable(),
})
export const AdministratorList = z.object({ administrators: z.array(Administrator) })
export const AdministratorParams = z.object({ userId: resourceId('Rôle introuvable.') })
export const AdministratorQuery = z.object({
  role: z.enum(['syndicate_admin', 'collectivity_admin']),
  collectivityId: z.uuid().optional(),
})

export const DirectorBody = z.object({ userId: z.uuid() })
export const DirectorParams = z.object({ schoolId: SchoolId, userId: resourceId('Direction introuvable.') })

export const SchoolYearBody = z.object({
  label: z
    .string()
    .regex(/^(\d{4})-(\d{4})$/, 'Une année scolaire s’écrit 2026-2027.')
    .refine((label) => {
      const [start, end] = label.split('-').map(Number)
      return end === (start ?? 0) + 1
    }, 'Les deux années doivent se suivre (ex. 2026-2027).'),
})
export const SchoolYear = z.object({
  id: z.uuid(),
  label: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  isCurrent: z.boolean(),
})
export const SchoolYearList = z.object({ schoolYears: z.array(SchoolYear) })

export const ClassBody = z.object({
  name: z.string().trim().min(1, 'Donnez un nom à la classe.').max(60),
  levels: z.array(ClassLevel).min(1, 'Choisissez au moins un niveau.').max(10),
})
export type ClassBody = z.infer<typeof ClassBody>
export const ClassPatch = ClassBody.partial()
export type ClassPatch = z.infer<typeof ClassPatch>
export const ClassRow = z.object({
  id: z.uuid(),
  name: z.string(),
  levels: z.array(ClassLevel),
  teachers: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
  pupilCount: z.number().int(),
  loginCardsEnabled: z.boolean(),
})
export const ClassList = z.object({
  schoolYear: z.string().nullable(),
  classes: z.array(ClassRow),
  allowedActions: z.array(z.string()),
})
export const ClassTeacherBody = z.object({ userId: z.uuid() })
export const ClassTeacherParams = z.object({
  schoolId: SchoolId,
  classId: resourceId('Classe introuvable.'),
  userId: resourceId('Enseignant introuvable dans cette classe.'),
})

export const GroupBody = z.object({
  name: z.string().trim().min(1, 'Donnez un nom au groupe.').max(120),
  description: z.string().trim().max(500).optional(),
})
export type GroupBody = z.infer<typeof GroupBody>
export const GroupRow = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  members: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
})
export const GroupList = z.object({ groups: z.array(GroupRow), allowedActions: z.array(z.string()) })
export const GroupParams = z.object({ schoolId: SchoolId, groupId: resourceId('Groupe introuvable.') })
export const GroupMembersBody = z.object({ userIds: z.array(z.uuid()).min(1).max(500) })

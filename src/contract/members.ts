import { z } from 'zod'
import { resourceId, SchoolId } from './ids.ts'
import { SchoolKind } from './structures.ts'
import { Timestamp } from './timestamp.ts'

/** The syndicate's members, their schools' deployment, and the académie's access to its circonscriptions. */

export const IsoDay = z.iso.date({ error: 'Date invalide : attendu AAAA-MM-JJ.' })

export const MemberId = resourceId('Membre introuvable.')
export const MemberParams = z.object({ memberId: MemberId })
export const ContactParams = z.object({ memberId: MemberId, contactId: resourceId('Contact introuvable.') })
export const SchoolParams = z.object({ schoolId: SchoolId })
export const AssignmentParams = z.object({ assignmentId: resourceId('Rattachement introuvable.') })

/** A reference to a deliberation: its number as printed (e.g. `2019-12`) and its date. */
export const DeliberationRef = z.object({
  reference: z.string().trim().min(1, 'Indiquez le numéro de la délibération.').max(200),
  date: IsoDay,
})
export type DeliberationRef = z.infer<typeof DeliberationRef>

export const DEPLOYMENT_STATUSES = ['requested', 'preparing', 'open', 'closed'] as const
export const DeploymentStatus = z.enum(DEPLOYMENT_STATUSES)
export type DeploymentStatus = z.infer<typeof DeploymentStatus>

export const AdhesionBody = z.object({
  adheredOn: IsoDay,
  deliberation: DeliberationRef,
  population: z
    .number({ error: 'Indiquez la population légale.' })
    .int()
    .min(0, 'La population ne peut être négative.')
    .max(100_000_000),
  populationYear: z.number().int().min(1900, 'Année de population invalide.').max(2200),
})
export type AdhesionBody = z.infer<typeof AdhesionBody>

export const WithdrawalBody = z.object({ withdrawnOn: IsoDay, deliberation: DeliberationRef })
export type WithdrawalBody = z.infer<typeof WithdrawalBody>

export const ContactBody = z.object({
  name: z.string().trim().min(2, 'Saisissez le nom du contact.').max(200),
  role: z.string().trim().min(2, 'Saisissez sa fonction.').max(200),
  email: z.email('Adresse e-mail invalide.').max(254).nullable().default(null),
  phone: z.string().trim().max(30).nullable().default(null),
})
export type ContactBody = z.infer<typeof ContactBody>

export const DeploymentStatusBody = z.object({
  status: DeploymentStatus,
  effectiveOn: IsoDay,
  note: z.string().trim().max(500).nullable().default(null),
})
export type DeploymentStatusBody = z.infer<typeof DeploymentStatusBody>

const Adhesion = z.object({
  adheredOn: z.string(),
  deliberation: DeliberationRef,
  withdrawnOn: z.string().nullable(),
  withdrawalDeliberation: DeliberationRef.nullable(),
  population: z.number(),
  populationYear: z.number(),
})

export const MemberSummary = z.object({
  id: z.uuid(),
  kind: z.enum(['commune', 'epci']),
  name: z.string(),
  siren: z.string(),
  inseeCodes: z.array(z.string()),
  adhesion: Adhesion.nullable(),
  schools: z.number(),
  openSchools: z.number(),
})
export type MemberSummary = z.infer<typeof MemberSummary>

export const MembersResponse = z.object({
  members: z.array(MemberSummary),
  allowedActions: z.array(z.string()),
})

export const DeploymentEvent = z.object({
  status: DeploymentStatus,
  effectiveOn: z.string(),
  note: z.string().nullable(),
  recordedAt: Timestamp,
})

export const SchoolDeployment = z.object({
  id: z.uuid(),
  uai: z.string(),
  name: z.string(),
  kind: SchoolKind,
  circonscription: z.string().nullable(),
  status: DeploymentStatus.nullable(),
  requestedOn: z.string().nullable(),
  preparingOn: z.string().nullable(),
  openedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
})
export type SchoolDeployment = z.infer<typeof SchoolDeployment>

export const Contact = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
})

export const MemberDetail = MemberSummary.extend({
  contacts: z.array(Contact),
  schoolList: z.array(SchoolDeployment.extend({ history: z.array(DeploymentEvent) })),
  allowedActions: z.array(z.string()),
})
export type MemberDetail = z.infer<typeof MemberDetail>

export const ACADEMIC_ROLES = ['ien', 'digital_adviser', 'educational_adviser'] as const
export const AcademicRole = z.enum(ACADEMIC_ROLES)

export const AssignmentBody = z.object({
  userId: z.uuid('Choisissez une personne.'),
  circonscription: z.string().trim().min(1, 'Indiquez la circonscription.').max(200),
  role: AcademicRole,
})

export const Assignment = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  displayName: z.string(),
  login: z.string(),
  circonscription: z.string(),
  role: AcademicRole,
})
export const AssignmentsResponse = z.object({
  assignments: z.array(Assignment),
  /** Circonscriptions known from the schools, to choose from. */
  circonscriptions: z.array(z.string()),
  /** People holding the academic profile, to choose from. */
  academics: z.array(z.object({ id: z.uuid(), displayName: z.string(), login: z.string() })),
})

export const CirconscriptionSchool = SchoolDeployment.extend({ commune: z.string() })
export const CirconscriptionsResponse = z.object({
  circonscriptions: z.array(
    z.object({ name: z.string(), role: AcademicRole, schools: z.array(CirconscriptionSchool) }),
  ),
})
export type CirconscriptionsResponse = z.infer<typeof CirconscriptionsResponse>

import { z } from 'zod'
import { resourceId, SchoolId } from './ids.ts'
import { Profile } from './structures.ts'
import { Timestamp } from './timestamp.ts'
import { ListTotal } from './totals.ts'

/**
 * The school's administration of accounts: users of a school, activation codes, connection sheets,
 * a teacher's reset of a pupil's password, class login cards.
 */

/** `activated`; `pending`: a code is waiting; `expired`: the code is past its date; `no-code`. */
export const ACTIVATION_STATES = ['activated', 'pending', 'expired', 'no-code'] as const
export const ActivationState = z.enum(ACTIVATION_STATES)
export type ActivationState = z.infer<typeof ActivationState>

const PersonName = (what: string) =>
  z
    .string(`Saisissez ${what}.`)
    .trim()
    .min(1, `Saisissez ${what}.`)
    .max(100, `${what[0]?.toUpperCase()}${what.slice(1)} est trop long (100 caractères au plus).`)

const Email = z
  .email('Cette adresse e-mail n’est pas valide.')
  .max(254)
  .transform((email) => email.toLowerCase())

const Phone = z
  .string()
  .trim()
  .regex(/^(?:\+33\s?|0)[1-9](?:[\s.-]?[0-9]{2}){4}$/, 'Ce numéro de téléphone n’est pas valide.')
  .transform((phone) => phone.replace(/[\s.-]/g, ''))

/**
 * An alias is another name to sign in with. It never contains a dot, so it can never equal a login
 * (`prenom.nom`): the two namespaces stay apart and sign-in by login or alias is never ambiguous.
 */
const Alias = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z][a-z0-9-]{2,39}$/,
    'Un alias compte de 3 à 40 caractères : lettres sans accents, chiffres ou tirets, en commençant par une lettre (sans point).',
  )

const BirthDate = z.iso
  .date({ error: 'Date attendue au format AAAA-MM-JJ.', abort: true })
  .refine((date) => date <= new Date().toISOString().slice(0, 10), {
    message: 'La date de naissance ne peut pas être dans le futur.',
  })
  .refine((date) => date >= '1900-01-01', { message: 'Cette date de naissance n’est pas plausible.' })

const Id = z.uuid('Identifiant invalide.')

/** The profiles that are members of a class themselves (a parent is through their children). */
const CLASS_PROFILES = new Set<Profile>(['pupil', 'teacher', 'staff'])

export const CreateUserBody = z
  .object({
    firstName: PersonName('le prénom'),
    lastName: PersonName('le nom'),
    profile: Profile,
    classId: Id.optional().describe('Classe de l’élève, de l’enseignant ou du personnel'),
    birthDate: BirthDate.optional().describe('Obligatoire pour un élève'),
    email: Email.optional().describe('Adultes seulement'),
    phone: Phone.optional().describe('Adultes seulement'),
    parentIds: z.array(Id).max(10).optional().describe('Pour un élève : ses parents, déjà dans l’école'),
    childIds: z.array(Id).max(20).optional().describe('Pour un parent : ses enfants, déjà dans l’école'),
  })
  .superRefine((body, context) => {
    const problem = (path: string, message: string) =>
      context.addIssue({ code: 'custom', path: [path], message })
    const isPupil = body.profile === 'pupil'
    if (isPupil && !body.birthDate)
      problem('birthDate', 'La date de naissance est obligatoire pour un élève.')
    if (isPupil && body.email) problem('email', 'Un élève n’a pas d’adresse e-mail dans Préau.')
    if (isPupil && body.phone) problem('phone', 'Un élève n’a pas de téléphone dans Préau.')
    if (body.parentIds?.length && !isPupil) problem('parentIds', 'Seul un élève a des parents à rattacher.')
    if (body.childIds?.length && body.profile !== 'parent')
      problem('childIds', 'Seul un parent a des enfants à rattacher.')
    if (body.classId && body.profile === 'parent')
      problem('classId', 'Un parent est rattaché aux classes de ses enfants, pas à une classe.')
    else if (body.classId && !CLASS_PROFILES.has(body.profile))
      problem(
        'classId',
        'Seuls un élève, un enseignant ou un personnel de l’école sont membres d’une classe.',
      )
  })
export type CreateUserBody = z.infer<typeof CreateUserBody>

/** Only the fields sent change; `null` clears an optional one. The login never changes. */
export const EditUserBody = z
  .object({
    firstName: PersonName('le prénom').optional(),
    lastName: PersonName('le nom').optional(),
    alias: Alias.nullable().optional(),
    email: Email.nullable().optional(),
    phone: Phone.nullable().optional(),
    birthDate: BirthDate.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Indiquez au moins un champ à modifier.' })
export type EditUserBody = z.infer<typeof EditUserBody>

export const UsersQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('Début du nom ou du prénom, sans tenir compte des accents'),
  profile: Profile.optional(),
  classId: Id.optional().describe('Membres de la classe (et parents de ses élèves)'),
  activation: ActivationState.optional(),
  status: z.enum(['current', 'removed']).default('current').describe('Présents, ou retirés de l’école'),
  after: z.string().max(400).optional().describe('Curseur de la page suivante (nextAfter)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type UsersQuery = z.infer<typeof UsersQuery>

const ClassRef = z.object({ id: z.uuid(), name: z.string() })
const PersonRef = z.object({ id: z.uuid(), displayName: z.string() })

const Activation = z.object({
  state: ActivationState,
  codeExpiresAt: Timestamp.nullable(),
})

export const SchoolUser = z.object({
  id: z.uuid(),
  displayName: z.string(),
  login: z.string(),
  profiles: z.array(Profile).describe('Dans cette école (ceux d’avant le retrait pour un compte retiré)'),
  isDirector: z.boolean(),
  classes: z.array(ClassRef).describe('Ses classes ; pour un parent, celles de ses enfants'),
  activation: Activation,
  removedAt: Timestamp.nullable(),
})
export type SchoolUser = z.infer<typeof SchoolUser>

export const UsersPage = z.object({
  users: z.array(SchoolUser),
  nextAfter: z.string().nullable(),
  total: ListTotal,
  allowedActions: z.array(z.string()),
})
export type UsersPage = z.infer<typeof UsersPage>

export const SchoolUserDetail = SchoolUser.extend({
  firstName: z.string(),
  lastName: z.string(),
  alias: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  birthDate: z.string().nullable(),
  activatedAt: Timestamp.nullable(),
  parents: z.array(PersonRef),
  children: z.array(PersonRef),
  createdAt: Timestamp,
  allowedActions: z.array(z.string()),
})
export type SchoolUserDetail = z.infer<typeof SchoolUserDetail>

const PersonId = resourceId('Cette personne n’existe pas dans l’école.')
export const UserParams = z.object({ schoolId: SchoolId, userId: PersonId })
/** `userId` is the pupil's. */
export const FamilyLinkParams = z.object({ schoolId: SchoolId, userId: PersonId, parentId: PersonId })

/** A code just issued: shown once, to be given to the person (printed on the sheet). */
export const IssuedActivationCode = z.object({
  userId: z.uuid(),
  login: z.string(),
  displayName: z.string(),
  code: z.string().describe('Au format `abcd-efgh`'),
  expiresAt: Timestamp,
})
export type IssuedActivationCode = z.infer<typeof IssuedActivationCode>

export const CreatedUser = IssuedActivationCode

export const SheetAudience = z.enum(['pupils', 'parents', 'all'])
export type SheetAudience = z.infer<typeof SheetAudience>

export const ClassActivationCodesBody = z.object({
  for: SheetAudience.default('all'),
  mode: z
    .enum(['missing', 'all'])
    .default('missing')
    .describe(
      '`missing` : à ceux sans code valable ; `all` : nouveaux codes pour tous les comptes non activés',
    ),
})

export const ClassActivationCodesResponse = z.object({
  issued: z.array(
    z.object({ userId: z.uuid(), displayName: z.string(), profile: Profile, expiresAt: Timestamp }),
  ),
})
export type ClassActivationCodesResponse = z.infer<typeof ClassActivationCodesResponse>

/**
 * The sheets are read only: a GET never issues codes. Those who lack a valid code get one first through
 * `POST …/classes/:classId/activation-codes` (`mode: 'missing'`), which the web app sends before the download.
 */
export const ConnectionSheetsQuery = z.object({ for: SheetAudience.default('all') })

/** Optional: a POST without a body (null for Fastify) sends the sheets as they are. */
export const EmailConnectionSheetsBody = z.object({ regenerate: z.boolean().default(false) }).nullish()

export const EmailConnectionSheetsResponse = z.object({
  queued: z.number().int().describe('Parents à qui leur fiche part par e-mail'),
  withoutEmail: z.number().int().describe('Parents à code en attente sans adresse e-mail'),
})

export const LoginCardsState = z.object({
  class: ClassRef,
  enabled: z.boolean(),
  pupils: z.array(PersonRef.extend({ firstName: z.string(), cardCreatedAt: Timestamp.nullable() })),
  allowedActions: z.array(z.string()),
})
export type LoginCardsState = z.infer<typeof LoginCardsState>

export const LoginCardsSettingsBody = z.object({ enabled: z.boolean('Indiquez enabled : true ou false.') })

export const GenerateLoginCardsBody = z
  .object({
    pupilIds: z
      .array(Id)
      .min(1)
      .max(60)
      .optional()
      .describe('Seulement ces élèves (une carte perdue) ; sinon toute la classe'),
  })
  .nullish()

export const LoginCardBody = z.object({
  token: z.string().trim().min(20, 'Carte illisible.').max(200, 'Carte illisible.'),
})

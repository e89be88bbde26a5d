import { z } from 'zod'
import { resourceId } from './ids.ts'
import { Timestamp } from './timestamp.ts'

/** The governance register of the syndicate: bodies, delegates, meetings, votes, deliberations. */

export const MeetingId = resourceId('Séance introuvable.')
export const ItemId = resourceId('Point de l’ordre du jour introuvable.')
export const DelegateId = resourceId('Délégué introuvable.')
export const DeliberationId = resourceId('Délibération introuvable.')
export const MeetingParams = z.object({ meetingId: MeetingId })
export const ItemParams = z.object({ itemId: ItemId })
export const AttendanceParams = z.object({ meetingId: MeetingId, delegateId: DelegateId })
export const DeliberationParams = z.object({ deliberationId: DeliberationId })
export const AnnexId = resourceId('Annexe introuvable.')
export const AnnexParams = z.object({ deliberationId: DeliberationId, annexId: AnnexId })
export const MovementId = resourceId('Mouvement introuvable.')
export const MovementParams = z.object({ meetingId: MeetingId, movementId: MovementId })
export const BodyId = resourceId('Instance introuvable.')
export const BodyParams = z.object({ bodyId: BodyId })
export const DelegateParams = z.object({ delegateId: DelegateId })

const count = z.number().int().min(0).max(10_000)

export const BodyRulesSchema = z.object({
  quorumBase: z.enum(['present', 'present_or_represented']),
  quorumShare: z.enum(['majority', 'one_third']),
  proxiesPerHolder: z.number().int().min(1).max(5),
  proxyValidityMeetings: z.number().int().min(1).max(12),
  convocationClearDays: z.number().int().min(0).max(30),
  emergencyClearDays: z.number().int().min(0).max(30),
  secondConvocationClearDays: z.number().int().min(0).max(30),
  presidentHasCastingVote: z.boolean(),
})

export const Body = z.object({
  id: z.uuid(),
  kind: z.enum(['comite', 'bureau']),
  name: z.string(),
  rules: BodyRulesSchema,
})

export const Delegate = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  memberName: z.string(),
  civility: z.enum(['M.', 'Mme']),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  wantsPaper: z.boolean(),
  seat: z.enum(['titulaire', 'suppleant']),
  mandateStart: z.string(),
  mandateEnd: z.string().nullable(),
  weight: z.number().int(),
})

export const AttendanceStatusSchema = z.enum(['present', 'absent', 'excused', 'substituted'])
export const ChoiceSchema = z.enum(['pour', 'contre', 'abstention', 'blanc_nul', 'ne_participe_pas'])
export const VoteModeSchema = z.enum(['totals', 'roll_call', 'secret'])

export const VoteTotalsSchema = z.object({
  pour: count,
  contre: count,
  abstention: count,
  blancNul: count,
  neParticipePas: count,
})

export const QuorumSchema = z.object({
  required: z.number().int(),
  counted: z.number().int(),
  met: z.boolean(),
  waivedBySecondConvocation: z.boolean(),
  sentence: z.string(),
})

export const Flag = z.object({
  field: z.string(),
  typed: z.string(),
  computed: z.string(),
  message: z.string(),
})

export const AttendanceLine = z.object({
  delegateId: z.uuid(),
  name: z.string(),
  civility: z.enum(['M.', 'Mme']),
  memberName: z.string(),
  status: AttendanceStatusSchema,
  substituteId: z.uuid().nullable(),
  proxyHolderId: z.uuid().nullable(),
  convocationSentAt: Timestamp.nullable(),
  acknowledgedAt: Timestamp.nullable(),
})

export const VoteResultSchema = z.object({
  totals: VoteTotalsSchema,
  exprimes: z.number().int(),
  voters: z.number().int(),
  absoluteMajority: z.number().int(),
  outcome: z.enum(['adopted', 'rejected']),
  decidedByCastingVote: z.boolean(),
  wording: z.string(),
})

export const Item = z.object({
  id: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  voteMode: VoteModeSchema,
  present: z.number().int(),
  represented: z.number().int(),
  quorum: QuorumSchema,
  vote: VoteResultSchema.nullable(),
  voteError: z.string().nullable(),
  typed: z
    .object({
      exprimes: z.number().int().nullable(),
      statesQuorumMet: z.boolean(),
      statesAdopted: z.boolean().nullable(),
    })
    .nullable(),
  /** The seats present for this item (titulaires, a substituted one sitting through a suppléant). */
  presentIds: z.array(z.uuid()),
  /** The proxies that count for this item: the holder votes a second time, for the giver. */
  proxies: z.array(z.object({ giverId: z.uuid(), holderId: z.uuid() })),
  /** Delegates who leave the room for this item (a personal interest): not counted for its quorum. */
  withdrawn: z.array(z.uuid()),
  /** A roll-call's recorded ballots (a proxy holder casts one for each giver). */
  ballots: z
    .array(z.object({ voterId: z.uuid(), onBehalfOf: z.uuid().nullable(), choice: ChoiceSchema }))
    .nullable(),
  flags: z.array(Flag),
  deliberation: z
    .object({ id: z.uuid(), number: z.string(), object: z.string(), publishedAt: Timestamp.nullable() })
    .nullable(),
})

export const MeetingSummary = z.object({
  id: z.uuid(),
  bodyName: z.string(),
  heldAt: Timestamp,
  place: z.string(),
  convocationSentAt: Timestamp.nullable(),
  convocationChannel: z.enum(['email', 'paper']).nullable(),
  secondConvocation: z.boolean(),
  items: z.number().int(),
})

export const MeetingResponse = MeetingSummary.extend({
  bodyId: z.uuid(),
  emergency: z.boolean(),
  presidentId: z.uuid().nullable(),
  secretaryId: z.uuid().nullable(),
  regime: z.string().nullable(),
  rules: BodyRulesSchema,
  membersInOffice: z.number().int(),
  attendance: z.array(AttendanceLine),
  proxyIssues: z.array(z.object({ giverId: z.uuid(), code: z.string(), message: z.string() })),
  /** Proxies that count at the opening: the holder votes for the giver. */
  validProxies: z.array(z.object({ giverId: z.uuid(), holderId: z.uuid() })),
  /** Arrivals and departures during the meeting, before the item at `beforeItem`. */
  movements: z.array(
    z.object({
      id: z.uuid(),
      delegateId: z.uuid(),
      kind: z.enum(['arrival', 'departure']),
      beforeItem: z.number().int(),
    }),
  ),
  quorum: QuorumSchema,
  convocation: z
    .object({
      clearDays: z.number().int(),
      required: z.number().int(),
      ok: z.boolean(),
      message: z.string().nullable(),
    })
    .nullable(),
  typedAttendance: z.object({ present: count, absent: count, excused: count, proxies: count }).nullable(),
  attendanceFlags: z.array(Flag),
  delegates: z.array(Delegate),
  items: z.array(Item),
  allowedActions: z.array(z.string()),
})

export const MeetingList = z.object({
  meetings: z.array(MeetingSummary),
  bodies: z.array(z.object({ id: z.uuid(), kind: z.enum(['comite', 'bureau']), name: z.string() })),
  allowedActions: z.array(z.string()),
})

export const CreateMeetingBody = z.object({
  bodyId: z.uuid({ error: 'Instance introuvable.' }),
  heldAt: Timestamp,
  place: z.string().trim().min(1, 'Indiquez le lieu de la séance.').max(300),
  emergency: z.boolean().default(false),
  secondConvocation: z.boolean().default(false),
  presidentId: z.uuid().nullable().default(null),
})

export const SendConvocationBody = z.object({
  channel: z.enum(['email', 'paper']),
  /** Only for `paper`: when the letters left (defaults to now). */
  sentAt: Timestamp.optional(),
})

export const AttendanceBody = z.object({
  status: AttendanceStatusSchema,
  proxyHolderId: z.uuid().nullable().default(null),
  substituteId: z.uuid().nullable().default(null),
})

export const TypedAttendanceBody = z
  .object({ present: count, absent: count, excused: count, proxies: count })
  .nullable()

export const AddItemBody = z.object({
  title: z.string().trim().min(1, 'Indiquez l’objet du point.').max(500),
})

export const VoteBody = z.object({
  mode: VoteModeSchema,
  totals: VoteTotalsSchema.optional(),
  ballots: z
    .array(z.object({ voterId: z.uuid(), onBehalfOf: z.uuid().nullable(), choice: ChoiceSchema }))
    .max(500)
    .optional(),
  presidentChoice: ChoiceSchema.nullable().default(null),
  /** Omitted: the withdrawals already recorded for the item are kept. */
  withdrawn: z.array(z.uuid()).max(200).optional(),
  typed: z
    .object({
      exprimes: count.nullable(),
      statesQuorumMet: z.boolean(),
      statesAdopted: z.boolean().nullable(),
    })
    .nullable()
    .default(null),
})

const lines = z.array(z.string().trim().min(1).max(5000)).max(100)
export const DeliberationBody = z.object({
  object: z.string().trim().min(1, 'Indiquez l’objet de la délibération.').max(1000),
  visas: lines,
  considerants: lines,
  articles: lines.min(1, 'Une délibération a au moins un article.'),
  annexes: z.array(z.string().trim().min(1).max(300)).max(30).default([]),
  classification: z
    .string()
    .regex(/^[1-9](\.[0-9]{1,2}){0,4}$/, 'Classification des actes attendue, par exemple 8.1.')
    .default('8.1'),
})

export const Deliberation = z.object({
  id: z.uuid(),
  number: z.string(),
  meetingId: z.uuid(),
  itemId: z.uuid(),
  heldAt: Timestamp,
  object: z.string(),
  visas: z.array(z.string()),
  considerants: z.array(z.string()),
  articles: z.array(z.string()),
  annexes: z.array(
    z.object({ id: z.uuid(), title: z.string(), hasFile: z.boolean(), size: z.number().int().nullable() }),
  ),
  classification: z.string(),
  natureCode: z.number().int(),
  version: z.number().int(),
  wording: z.string().nullable(),
  publishedAt: Timestamp.nullable(),
  transmittedAt: Timestamp.nullable(),
  acknowledgedAt: Timestamp.nullable(),
  previousVersions: z.array(z.object({ version: z.number().int(), replacedAt: Timestamp })),
})

export const TransmissionBody = z.object({
  transmittedAt: Timestamp.optional(),
  acknowledgedAt: Timestamp.nullable().optional(),
})

export const PublicDeliberation = z.object({
  id: z.uuid(),
  number: z.string(),
  object: z.string(),
  heldAt: Timestamp,
  bodyName: z.string(),
  wording: z.string().nullable(),
  publishedAt: Timestamp,
  transmittedAt: Timestamp.nullable(),
  /** The annexes with a file, downloadable by anyone once the deliberation is published. */
  annexes: z.array(z.object({ id: z.uuid(), title: z.string() })),
})
export const PublicDeliberationList = z.object({ deliberations: z.array(PublicDeliberation) })
export const PublicListQuery = z.object({ year: z.coerce.number().int().min(1900).max(2200).optional() })
export const AcknowledgeParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, 'Lien inconnu.'),
})

export const MovementBody = z.object({
  delegateId: z.uuid({ error: 'Délégué introuvable.' }),
  kind: z.enum(['arrival', 'departure'], { error: 'Indiquez une arrivée ou un départ.' }),
  beforeItem: z.number().int().min(1, 'Indiquez avant quel point le délégué arrive ou part.').max(1000),
})

export const WithdrawalsBody = z.object({ withdrawn: z.array(z.uuid()).max(200) })

export const BodyRulesBody = BodyRulesSchema.extend({
  name: z.string().trim().min(1, 'Indiquez le nom de l’instance.').max(200),
  proxiesPerHolder: z
    .number({ error: 'Indiquez le nombre de pouvoirs par membre.' })
    .int('Le nombre de pouvoirs est un nombre entier.')
    .min(1, 'Un membre présent peut détenir au moins un pouvoir.')
    .max(5, 'Au plus cinq pouvoirs par membre.'),
  proxyValidityMeetings: z
    .number({ error: 'Indiquez pour combien de séances un pouvoir vaut.' })
    .int('Un nombre entier de séances.')
    .min(1, 'Un pouvoir vaut au moins pour une séance.')
    .max(12, 'Un pouvoir vaut au plus pour douze séances consécutives.'),
  convocationClearDays: z
    .number({ error: 'Indiquez le délai de convocation.' })
    .int('Un nombre entier de jours francs.')
    .min(1, 'Le délai de convocation est d’au moins un jour franc.')
    .max(30, 'Au plus trente jours francs.'),
  emergencyClearDays: z
    .number({ error: 'Indiquez le délai d’urgence.' })
    .int('Un nombre entier de jours francs.')
    .min(0, 'Le délai d’urgence ne peut pas être négatif.')
    .max(30, 'Au plus trente jours francs.'),
}).refine((r) => r.emergencyClearDays <= r.convocationClearDays, {
  path: ['emergencyClearDays'],
  message: 'Le délai d’urgence ne peut pas dépasser le délai ordinaire de convocation.',
})

export const BodyResponse = Body.extend({ delegates: z.array(Delegate), allowedActions: z.array(z.string()) })
export const BodyList = z.object({ bodies: z.array(Body), allowedActions: z.array(z.string()) })

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ.')
export const DelegateBody = z
  .object({
    memberName: z.string().trim().min(1, 'Indiquez la collectivité membre.').max(200),
    civility: z.enum(['M.', 'Mme'], { error: 'Indiquez M. ou Mme.' }),
    firstName: z.string().trim().min(1, 'Indiquez le prénom.').max(100),
    lastName: z.string().trim().min(1, 'Indiquez le nom.').max(100),
    email: z.email('Adresse e-mail invalide.').nullable().default(null),
    wantsPaper: z.boolean().default(false),
    seat: z.enum(['titulaire', 'suppleant'], { error: 'Indiquez titulaire ou suppléant.' }),
    mandateStart: isoDay,
    mandateEnd: isoDay.nullable().default(null),
    weight: z
      .number({ error: 'Indiquez le nombre de voix.' })
      .int('Le nombre de voix est un nombre entier.')
      .min(1, 'Un délégué a au moins une voix.')
      .max(100, 'Au plus cent voix.')
      .default(1),
  })
  .refine((d) => d.mandateEnd === null || d.mandateEnd >= d.mandateStart, {
    path: ['mandateEnd'],
    message: 'La fin du mandat ne peut pas précéder son début.',
  })

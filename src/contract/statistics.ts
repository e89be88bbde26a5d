import { z } from 'zod'
import { Profile } from './structures.ts'

/**
 * Usage statistics: the national classification of ENT services, the areas a dashboard covers, the
 * dashboards themselves. Counts below the disclosure threshold are `null` (shown « moins de 5 »).
 */

/**
 * The national classification of ENT services used for usage measurement (the SDET's audience
 * measurement). Each application of Préau counts under one of them (`SERVICE_OF_APP`).
 */
export const ENT_SERVICES = [
  'Accueil',
  'Annuaire',
  'Courrier_Electronique',
  'Vie_Scolaire',
  'Cahier_Textes',
  'Agenda',
  'Blog',
  'Actualites',
  'Album_Photos',
  'Stockage_Partage',
  'Ressources_Numeriques',
  'Administration',
  'Statistiques',
  'Donnees_Personnelles',
] as const
export const EntService = z.enum(ENT_SERVICES)
export type EntService = z.infer<typeof EntService>

/** Each application of `apps.ts` (by id) under its national service. */
export const SERVICE_OF_APP: Readonly<Record<string, EntService>> = {
  schools: 'Accueil',
  messaging: 'Courrier_Electronique',
  notebook: 'Vie_Scolaire',
  homework: 'Cahier_Textes',
  calendar: 'Agenda',
  blog: 'Blog',
  news: 'Actualites',
  photos: 'Album_Photos',
  workspace: 'Stockage_Partage',
  directory: 'Annuaire',
  resources: 'Ressources_Numeriques',
  'school-admin': 'Administration',
  statistics: 'Statistiques',
  members: 'Administration',
  contributions: 'Administration',
  governance: 'Administration',
  circonscription: 'Statistiques',
  'my-data': 'Donnees_Personnelles',
}

/** Below this many, a count is not shown outside the syndicate, nor in any export. */
export const DISCLOSURE_THRESHOLD = 5

export const RecordOpeningBody = z.object({
  app: z
    .string({ error: 'Application inconnue.' })
    .refine((id) => Object.hasOwn(SERVICE_OF_APP, id), { error: 'Application inconnue.' }),
  /** The school the app was opened in, when the page is a school's; else every school of the person. */
  schoolId: z.uuid({ error: 'École inconnue.' }).optional(),
})

const IsoDay = z.iso.date({ error: 'Date attendue au format AAAA-MM-JJ.' })

/** At most a year and a day, so that a dashboard stays one cheap read. */
export const MAX_PERIOD_DAYS = 366

export const PeriodQuery = z
  .object({ from: IsoDay.optional(), to: IsoDay.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    error: 'La date de début doit précéder la date de fin.',
    path: ['from'],
  })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_PERIOD_DAYS, {
    error: 'La période ne peut dépasser un an.',
    path: ['from'],
  })

export const AreaKind = z.enum(['syndicat', 'collectivite', 'circonscription', 'ecole'])
export type AreaKind = z.infer<typeof AreaKind>

export const StatisticsArea = z.object({
  kind: AreaKind,
  /** The collectivity or school id, the circonscription's name; '' for the syndicate. */
  id: z.string(),
  name: z.string(),
})
export type StatisticsArea = z.infer<typeof StatisticsArea>

export const StatisticsAreasResponse = z.object({ areas: z.array(StatisticsArea) })

/** A count, or null when it is below the disclosure threshold for this reader. */
const Count = z.number().int().nullable()

export const DashboardResponse = z.object({
  area: StatisticsArea,
  from: z.string(),
  to: z.string(),
  /** True when counts from 1 to 4 are hidden (every reader but the syndicate). */
  smallCountsHidden: z.boolean(),
  connections: z.array(
    z.object({ day: z.string(), profile: Profile, connections: Count, uniqueUsers: Count }),
  ),
  /** Openings per service over the period: one per person, school and day. */
  applications: z.array(z.object({ service: EntService, openings: Count })),
  activation: z.array(
    z.object({
      schoolId: z.string(),
      uai: z.string(),
      name: z.string(),
      accounts: Count,
      activated: Count,
      /** Activated / created, 0 to 1; null when either count is hidden or there are no accounts. */
      rate: z.number().nullable(),
    }),
  ),
})
export type DashboardResponse = z.infer<typeof DashboardResponse>

export const CirconscriptionParams = z.object({
  circonscription: z.string().min(1).max(120),
})

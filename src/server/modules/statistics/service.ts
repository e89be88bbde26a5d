import type { DashboardResponse, EntService, StatisticsArea } from '../../../contract/statistics.ts'
import { DISCLOSURE_THRESHOLD } from '../../../contract/statistics.ts'
import type { Profile } from '../../../contract/structures.ts'
import type { Db } from '../../db/connection.ts'
import type { Actor } from '../../plugins/auth/actor.ts'
import type { SchoolScope } from '../../plugins/tenancy.ts'
import { usageDayOf } from './pseudonym.ts'
import {
  type ActivationRow,
  type ApplicationRow,
  activationOfSchools,
  allCirconscriptions,
  areaApplications,
  areaConnections,
  type ConnectionRow,
  circonscriptionsOfAcademic,
  collectivitiesNamed,
  type Period,
  schoolApplications,
  schoolConnections,
  schoolsNamed,
  schoolsOfCollectivities,
} from './queries.ts'

/** The last 30 days by default; the route's schema has checked the order and the length. */
export function periodOf(query: { from?: string; to?: string }, now = new Date()): Period {
  const to = query.to ?? usageDayOf(now)
  const from = query.from ?? new Date(Date.parse(to) - 29 * 86_400_000).toISOString().slice(0, 10)
  return { from, to }
}

/**
 * Counts from 1 to 4 are hidden (`null`) from every reader but the syndicate, and in every export: a
 * small count in a small school could point at a family. Zero stays zero: it tells nothing of anyone.
 */
export function disclosed(count: number, hideSmall: boolean): number | null {
  return hideSmall && count > 0 && count < DISCLOSURE_THRESHOLD ? null : count
}

export function assembleDashboard(
  area: StatisticsArea,
  period: Period,
  hideSmall: boolean,
  rows: { connections: ConnectionRow[]; applications: ApplicationRow[]; activation: ActivationRow[] },
): DashboardResponse {
  return {
    area,
    from: period.from,
    to: period.to,
    smallCountsHidden: hideSmall,
    connections: rows.connections.map((row) => ({
      day: row.day,
      profile: row.profile as Profile,
      connections: disclosed(row.events, hideSmall),
      uniqueUsers: disclosed(row.uniqueUsers, hideSmall),
    })),
    applications: rows.applications.map((row) => ({
      service: row.service as EntService,
      openings: disclosed(row.openings, hideSmall),
    })),
    activation: rows.activation.map((row) => {
      const accounts = disclosed(row.accounts, hideSmall)
      const activated = disclosed(row.activated, hideSmall)
      return {
        schoolId: row.schoolId,
        uai: row.uai,
        name: row.name,
        accounts,
        activated,
        rate: accounts && activated !== null ? activated / accounts : null,
      }
    }),
  }
}

/** The dashboard of an area above the school, read from the area aggregates. */
export async function areaDashboard(
  db: Db,
  area: StatisticsArea,
  period: Period,
  hideSmall: boolean,
): Promise<DashboardResponse> {
  const key = area.kind === 'syndicat' ? 'syndicat' : `${area.kind}:${area.id}`
  const [connections, applications, activation] = await Promise.all([
    areaConnections(db, key, period),
    areaApplications(db, key, period),
    activationOfSchools(
      db,
      area.kind === 'collectivite'
        ? { collectivityId: area.id }
        : area.kind === 'circonscription'
          ? { circonscription: area.id }
          : {},
    ),
  ])
  return assembleDashboard(area, period, hideSmall, { connections, applications, activation })
}

export async function schoolDashboard(
  db: Db,
  scope: SchoolScope,
  area: StatisticsArea,
  period: Period,
  hideSmall: boolean,
): Promise<DashboardResponse> {
  const [connections, applications, activation] = await Promise.all([
    schoolConnections(scope, period),
    schoolApplications(scope, period),
    activationOfSchools(db, { schoolId: scope.schoolId }),
  ])
  return assembleDashboard(area, period, hideSmall, { connections, applications, activation })
}

const academicSchoolIds = (actor: Actor) =>
  actor.memberships.filter((m) => m.profile === 'academic').map((m) => m.schoolId)

/** Whether the actor reads the circonscription's dashboard: the syndicate, or its academic staff. */
export async function readsCirconscription(db: Db, actor: Actor, name: string): Promise<boolean> {
  const known = actor.isSyndicateAdmin
    ? await allCirconscriptions(db)
    : await circonscriptionsOfAcademic(db, academicSchoolIds(actor))
  return known.includes(name)
}

/** Every dashboard the actor may open, the widest first. */
export async function areasOf(db: Db, actor: Actor): Promise<StatisticsArea[]> {
  const areas: StatisticsArea[] = []
  if (actor.isSyndicateAdmin) areas.push({ kind: 'syndicat', id: '', name: 'Tout le syndicat' })
  const collectivities = await collectivitiesNamed(
    db,
    actor.isSyndicateAdmin ? 'all' : actor.collectivityAdminOf,
  )
  for (const c of collectivities) areas.push({ kind: 'collectivite', id: c.id, name: c.name })
  const circonscriptions = actor.isSyndicateAdmin
    ? await allCirconscriptions(db)
    : await circonscriptionsOfAcademic(db, academicSchoolIds(actor))
  for (const name of circonscriptions) areas.push({ kind: 'circonscription', id: name, name })
  // Schools: those the person directs or is academic staff of, and those of their collectivities.
  const schoolIds = new Set(
    actor.memberships
      .filter((m) => m.functions.includes('director') || m.profile === 'academic')
      .map((m) => m.schoolId),
  )
  const schools = [
    ...(await schoolsNamed(db, [...schoolIds])),
    ...(actor.isSyndicateAdmin ? [] : await schoolsOfCollectivities(db, actor.collectivityAdminOf)),
  ]
  const seen = new Set<string>()
  for (const s of schools) {
    if (seen.has(s.id)) continue
    seen.add(s.id)
    areas.push({ kind: 'ecole', id: s.id, name: s.name })
  }
  return areas
}

const PROFILE_LABELS: Record<string, string> = {
  pupil: 'Élèves',
  parent: 'Parents',
  teacher: 'Enseignants',
  staff: 'Personnels',
  collectivity_agent: 'Agents de la collectivité',
  academic: 'Personnels académiques',
  guest: 'Invités',
}

const csvCell = (value: string | number | null) => {
  if (value === null) return '<5'
  const text = String(value)
  return /[";\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}
const csvLine = (cells: (string | number | null)[]) => `${cells.map(csvCell).join(';')}\r\n`

/**
 * The dashboard as CSV (`;`, UTF-8 with BOM: what a French spreadsheet opens as is), three sections one
 * after the other. The dashboard given is already disclosed for an export (small counts hidden).
 */
export function dashboardCsv(dashboard: DashboardResponse): string {
  let csv = '\uFEFF'
  csv += csvLine(['Connexions', dashboard.area.name, `du ${dashboard.from} au ${dashboard.to}`])
  csv += csvLine(['Jour', 'Profil', 'Connexions', 'Utilisateurs uniques'])
  for (const row of dashboard.connections) {
    csv += csvLine([row.day, PROFILE_LABELS[row.profile] ?? row.profile, row.connections, row.uniqueUsers])
  }
  csv += csvLine([])
  csv += csvLine(['Service', 'Ouvertures (une par personne et par jour)'])
  for (const row of dashboard.applications) csv += csvLine([row.service, row.openings])
  csv += csvLine([])
  csv += csvLine(['UAI', 'École', 'Comptes créés', 'Comptes activés', 'Taux d’activation (%)'])
  for (const row of dashboard.activation) {
    csv += csvLine([
      row.uai,
      row.name,
      row.accounts,
      row.activated,
      row.rate !== null
        ? Math.round(row.rate * 1000) / 10
        : row.accounts === null || row.activated === null
          ? null
          : '',
    ])
  }
  return csv
}

import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { LRUCache } from 'lru-cache'
import type { Profile } from '../../../contract/structures.ts'
import type { SchoolScope } from '../../plugins/tenancy.ts'
import { foldName } from './name-key.ts'
import { findDirectoryVersion, findRosterRows } from './queries.ts'

/** A current member of the school as the directory shows them. */
export type RosterEntry = {
  id: string
  /** Folded « nom prénom », the order of the lists and what searches match. */
  key: string
  displayName: string
  profiles: Profile[]
  isDirector: boolean
  classes: string[]
}

/** A school's directory: its current members with an active account, in name order (then id). */
export type Roster = { version: string; entries: readonly RosterEntry[] }

declare module 'fastify' {
  interface FastifyInstance {
    rosters: SchoolRosters
  }
}

export type SchoolRosters = {
  /** The school's directory as of now: kept in memory while the school's version has not moved. */
  of: (scope: SchoolScope) => Promise<Roster>
}

/**
 * How many members the kept directories may hold in all (~300 bytes each: ~60 MB). A school's
 * directory is read again from PostgreSQL (a few ms for a large school) when it was pushed out.
 */
const MAX_MEMBERS_KEPT = 200_000

export function byNameThenId(a: { key: string; id: string }, b: { key: string; id: string }): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

async function loadRoster(scope: SchoolScope, version: string): Promise<Roster> {
  const rows = await findRosterRows(scope)
  const entries: RosterEntry[] = rows.map((row) => ({
    id: row.id,
    key: foldName(`${row.lastName} ${row.firstName}`),
    displayName: row.displayName,
    profiles: row.profiles,
    isDirector: row.isDirector,
    classes: row.classes,
  }))
  return { version, entries: entries.sort(byNameThenId) }
}

/**
 * Each school's directory kept in memory (ADR 0015). Before answering, one prepared statement reads the
 * school's version (`directory_versions`, moved by triggers on every change of a member, a name, a class
 * or an account's state, whichever instance or process made it): equal, the kept directory answers;
 * moved, it is read again — once, however many searches arrive meanwhile.
 */
export function createSchoolRosters(): SchoolRosters {
  const kept = new LRUCache<string, Roster>({
    maxSize: MAX_MEMBERS_KEPT,
    sizeCalculation: (roster) => Math.max(1, roster.entries.length),
  })
  const loading = new Map<string, Promise<Roster>>()
  return {
    of: async (scope) => {
      const version = await findDirectoryVersion(scope)
      const known = kept.get(scope.schoolId)
      if (known?.version === version) return known
      const key = `${scope.schoolId}:${version}`
      let pending = loading.get(key)
      if (!pending) {
        pending = loadRoster(scope, version).finally(() => loading.delete(key))
        loading.set(key, pending)
      }
      const roster = await pending
      kept.set(scope.schoolId, roster)
      return roster
    },
  }
}

/** `app.rosters`: the schools' directories of this server, for the directory and the composer. */
export const rostersPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate('rosters', createSchoolRosters())
  },
  { name: 'rosters' },
)

import type { FastifyInstance } from 'fastify'
import { schoolDirectoryRoutes } from './routes.ts'

export { SchoolDirectoryInputError } from './errors.ts'
export { schoolDirectoryPolicies } from './policy.ts'
export { findImportCollectivityBySiren, type ImportCollectivity } from './queries.ts'
export { type Auditor, importSchoolDirectory, SCHOOL_DIRECTORY_AUDIT_ACTION } from './service.ts'

/**
 * The import of the national school directory (`fr-en-annuaire-education`) into a member collectivity.
 * Registered as its own encapsulated plugin: its route reads a raw CSV body, a parser no other route has.
 */
export async function schoolDirectoryModule(app: FastifyInstance): Promise<void> {
  await app.register(schoolDirectoryRoutes)
}

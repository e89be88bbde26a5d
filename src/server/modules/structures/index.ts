import type { FastifyInstance } from 'fastify'
import { classesRoutes } from './routes/classes.ts'
import { groupsRoutes } from './routes/groups.ts'
import { schoolsRoutes } from './routes/schools.ts'
import { syndicateRoutes } from './routes/syndicate.ts'

/** The school years, for the rollover (which opens the next one and makes it current). */
export { findSchoolYears, insertSchoolYear } from './administrators.queries.ts'
export { structuresPolicies } from './policy.ts'

/** Structures: collectivities, schools, administrators, school years (syndicate); classes and groups (school). */
export async function structuresModule(app: FastifyInstance): Promise<void> {
  await app.register(syndicateRoutes)
  await app.register(schoolsRoutes)
  await app.register(classesRoutes)
  await app.register(groupsRoutes)
}

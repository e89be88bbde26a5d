export { directoryPolicies } from './policy.ts'
export { createSchoolRosters, type Roster, rostersPlugin } from './roster.ts'
export { directoryRoutes as directoryModule } from './routes.ts'
export { listGroups, searchDirectory } from './service.ts'

export { communicationPolicies } from './policy.ts'
export type { Reach } from './reachability.ts'
export { communicationRoutes as communicationModule } from './routes.ts'
export { canCommunicate, reachableSql, reachOf } from './service.ts'

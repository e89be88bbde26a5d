export { communicationPolicies } from './policy.ts'
export { communicationRoutes as communicationModule } from './routes.ts'
export { canCommunicate, reachableSql } from './service.ts'

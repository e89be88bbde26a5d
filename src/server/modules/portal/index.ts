export { portalPolicies } from './policy.ts'
export { portalRoutes as portalModule } from './routes.ts'

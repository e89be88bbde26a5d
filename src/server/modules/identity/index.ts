export { hashPassword } from './passwords.ts'
export { identityPolicies } from './policy.ts'
export { identityRoutes as identityModule } from './routes.ts'

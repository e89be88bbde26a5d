export { flashMessagesPolicies } from './policy.ts'
export { flashMessagesRoutes as flashMessagesModule } from './routes.ts'

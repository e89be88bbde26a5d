export { directoryPolicies } from './policy.ts'
export { directoryRoutes as directoryModule } from './routes.ts'
export { listGroups, searchDirectory } from './service.ts'

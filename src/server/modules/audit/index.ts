export { auditPolicies } from './policy.ts'
export { auditRoutes as auditModule } from './routes.ts'
export { type AuditEvent, recordAudit } from './service.ts'

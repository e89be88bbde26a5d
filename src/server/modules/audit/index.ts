export { auditPolicies } from './policy.ts'
export { auditRoutes as auditModule } from './routes.ts'
export { type AuditEvent, recordAudit, recordAuditEntry } from './service.ts'

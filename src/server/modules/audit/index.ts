export { auditPolicies } from './policy.ts'
export { auditRoutes as auditModule } from './routes.ts'
export {
  type AuditAuthor,
  type AuditEvent,
  auditAuthorOf,
  auditedChange,
  auditedSchoolChange,
  recordAudit,
  recordAuditEntry,
  writeAudit,
} from './service.ts'

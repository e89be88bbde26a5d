import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate } from 'react-router'
import { AuditTrail } from '../administration/audit/AuditTrail.tsx'
import { NO_NAMES, type TrailNames } from '../administration/audit/action-sentence.ts'
import { useAdminSchools } from '../administration/syndicate/api.ts'
import { SyndicatePage } from '../administration/syndicate/SyndicatePage.tsx'

const READ_ACTIONS = ['read:class-families', 'read:user', 'read:connection-sheets'] as const

/**
 * Administrators' reads of personal data: the audit trail filtered to its `read:` entries (a view of
 * the trail, not a copy), for the data-protection officer.
 */
export function ReadsPage() {
  const { t } = useTranslation()
  return (
    <SyndicatePage
      title={t('dataProtection.reads.title')}
      intro={t('dataProtection.reads.intro')}
      crumbs={[{ href: '/syndicat/donnees', label: t('dataProtection.register.consoleTitle') }]}
    >
      {(role) => (role === 'syndicate' ? <Reads /> : <Navigate to="/syndicat/ecoles" replace />)}
    </SyndicatePage>
  )
}

function Reads() {
  const schools = useAdminSchools()
  const names = useMemo<TrailNames>(
    () => ({ ...NO_NAMES, schools: new Map((schools.data ?? []).map((s) => [s.id, s.name])) }),
    [schools.data],
  )
  return (
    <AuditTrail
      path="/api/admin/audit"
      names={names}
      schools={(schools.data ?? []).map(({ id, name }) => ({ id, name }))}
      actions={READ_ACTIONS}
      fixed={{ reads: 'personal-data' }}
    />
  )
}

import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate } from 'react-router'
import { useAdminSchools, useCollectivities } from '../syndicate/api.ts'
import { SyndicatePage } from '../syndicate/SyndicatePage.tsx'
import { AuditTrail } from './AuditTrail.tsx'
import { NO_NAMES, type TrailNames } from './action-sentence.ts'

/** The audit trail of the whole deployment, for the syndicate's administrators. */
export function SyndicateAuditPage() {
  const { t } = useTranslation()
  return (
    <SyndicatePage
      title={t('administration.audit.deploymentTitle')}
      intro={t('administration.audit.deploymentIntro')}
    >
      {(role) => (role === 'syndicate' ? <DeploymentTrail /> : <Navigate to="/syndicat/ecoles" replace />)}
    </SyndicatePage>
  )
}

function DeploymentTrail() {
  const schools = useAdminSchools()
  const collectivities = useCollectivities()
  const names = useMemo<TrailNames>(
    () => ({
      ...NO_NAMES,
      schools: new Map((schools.data ?? []).map((school) => [school.id, school.name])),
      collectivities: new Map((collectivities.data ?? []).map((c) => [c.id, c.name])),
    }),
    [schools.data, collectivities.data],
  )
  return (
    <AuditTrail
      path="/api/admin/audit"
      names={names}
      schools={(schools.data ?? []).map(({ id, name }) => ({ id, name }))}
    />
  )
}

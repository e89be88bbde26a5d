import { useTranslation } from 'react-i18next'
import type { DeploymentStatus } from '../../../contract/members.ts'

/** A school's deployment status as a tag (« non demandée » when nothing was ever recorded). */
export function StatusTag({ status }: { status: DeploymentStatus | null }) {
  const { t } = useTranslation()
  return (
    <span className={`tag deployment-status deployment-status--${status ?? 'none'}`}>
      {t(`backOffice.status.${status ?? 'none'}`)}
    </span>
  )
}

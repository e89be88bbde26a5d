import { useTranslation } from 'react-i18next'
import type { SchoolResponse } from '../../../../contract/portal.ts'
import { SettingsIcon } from '../../../ui/icons/ui-icons.tsx'
import { Link } from '../../../ui/Link.tsx'
import { usePortal } from '../../portal/api.ts'
import { useConsoleRole } from '../syndicate/role.ts'
import '../administration.css'

/**
 * On a school's page, the ways into its administration: "Administrer l'école" for its director and the
 * administrators above it, and "Ma classe" for a teacher (their own classes, from the portal). Links
 * only: the server decides on every page behind them.
 */
export function SchoolAdminLinks({ school }: { school: SchoolResponse }) {
  const { t } = useTranslation()
  const portal = usePortal()
  const { role } = useConsoleRole()
  const isDirector = school.functions.includes('director')
  const isTeacher = school.profiles.includes('teacher')
  const myClasses = isTeacher ? (portal.data?.schools.find((s) => s.id === school.id)?.classes ?? []) : []
  const canAdminister = isDirector || role !== null

  if (!canAdminister && myClasses.length === 0) return null
  return (
    <nav className="page-actions" aria-label={t('administration.links.label')}>
      {canAdminister && (
        <Link href={`/ecoles/${school.id}/administration`} appearance="primary">
          <SettingsIcon />
          {t('administration.links.administer')}
        </Link>
      )}
      {myClasses.map((klass) => (
        <Link key={klass.id} href={`/ecoles/${school.id}/classes/${klass.id}`} appearance="button">
          {t('administration.links.myClass', { name: klass.name })}
        </Link>
      ))}
    </nav>
  )
}

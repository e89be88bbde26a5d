import { useTranslation } from 'react-i18next'
import { Navigate } from 'react-router'
import { Breadcrumbs } from '../../ui/Breadcrumbs.tsx'
import { Card } from '../../ui/Card.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { Link } from '../../ui/Link.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { usePortal } from '../portal/api.ts'
import './administration.css'

/**
 * "Administration de l'école" from the launcher: straight to the school the user directs, or the choice
 * when they direct several (a director of two schools of an RPI).
 */
export function AdministrationHome() {
  const { t } = useTranslation()
  usePageTitle(t('administration.home.title'))
  const portal = usePortal()

  if (portal.isPending) return <LoadingState />
  if (portal.isError) return <ErrorMessage error={portal.error} onRetry={() => portal.refetch()} />

  const directed = portal.data.schools.filter((school) => school.functions.includes('director'))
  if (directed.length === 1) return <Navigate to={`/ecoles/${directed[0]!.id}/administration`} replace />
  return (
    <>
      <Breadcrumbs
        trail={[{ href: '/', label: t('common.home') }]}
        current={t('administration.home.title')}
      />
      <PageHeading>{t('administration.home.title')}</PageHeading>
      {directed.length === 0 ? (
        <p>{t('administration.home.none')}</p>
      ) : (
        <>
          <p className="page-intro">{t('administration.home.choose')}</p>
          <ul className="card-list card-list--grid">
            {directed.map((school) => (
              <Card as="li" key={school.id} className="item-card">
                <h2 className="item-card__title">
                  <Link href={`/ecoles/${school.id}/administration`}>{school.name}</Link>
                </h2>
                <p className="item-card__meta">{t(`schoolKinds.${school.kind}`)}</p>
              </Card>
            ))}
          </ul>
        </>
      )}
    </>
  )
}

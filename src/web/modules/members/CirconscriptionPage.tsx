import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { TableScroll } from '../../ui/TableScroll.tsx'
import { useCirconscriptions } from './api.ts'
import { StatusTag } from './StatusTag.tsx'
import { useDay } from './use-day.ts'
import './members.css'

const C = 'backOffice.circonscription' as const

/** The IEN's or digital adviser's page: the schools of their circonscriptions and their deployment. */
export function CirconscriptionPage() {
  const { t } = useTranslation()
  usePageTitle(t(`${C}.title`))
  const data = useCirconscriptions()
  const day = useDay()
  if (data.isPending) return <LoadingState />
  if (data.isError) return <ErrorMessage error={data.error} onRetry={() => data.refetch()} />
  const { circonscriptions } = data.data
  return (
    <>
      <PageHeading>{t(`${C}.title`)}</PageHeading>
      <p className="page-intro">{t(`${C}.intro`)}</p>
      {circonscriptions.length === 0 && <p className="empty-state">{t(`${C}.none`)}</p>}
      {circonscriptions.map((circonscription) => {
        const open = circonscription.schools.filter((school) => school.status === 'open').length
        return (
          <section key={circonscription.name} aria-labelledby={`circ-${circonscription.name}`}>
            <h2 id={`circ-${circonscription.name}`}>{circonscription.name}</h2>
            <p>
              {t(`${C}.summary`, {
                role: t(`backOffice.academicRoles.${circonscription.role}`),
                open,
                count: circonscription.schools.length,
              })}
            </p>
            <TableScroll caption={t(`${C}.caption`, { name: circonscription.name })}>
              <thead>
                <tr>
                  <th scope="col">{t(`${C}.school`)}</th>
                  <th scope="col">{t(`${C}.uai`)}</th>
                  <th scope="col">{t(`${C}.commune`)}</th>
                  <th scope="col">{t(`${C}.status`)}</th>
                  <th scope="col">{t(`${C}.openedOn`)}</th>
                </tr>
              </thead>
              <tbody>
                {circonscription.schools.map((school) => (
                  <tr key={school.id}>
                    <th scope="row">{school.name}</th>
                    <td>{school.uai}</td>
                    <td>{school.commune}</td>
                    <td>
                      <StatusTag status={school.status} />
                    </td>
                    <td className="table__nowrap">{day(school.openedOn)}</td>
                  </tr>
                ))}
              </tbody>
            </TableScroll>
          </section>
        )
      })}
    </>
  )
}

import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { Link } from '../../ui/Link.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { TableScroll } from '../../ui/TableScroll.tsx'
import { SyndicatePage } from '../administration/syndicate/SyndicatePage.tsx'
import { useMembers } from './api.ts'
import { useDay } from './use-day.ts'
import './members.css'

const M = 'backOffice.members' as const

/** The members: adhesion, population, schools open; a collectivity's administrators see their own. */
export function MembersPage() {
  const { t } = useTranslation()
  return (
    <SyndicatePage title={t(`${M}.title`)} intro={t(`${M}.intro`)}>
      {() => <Members />}
    </SyndicatePage>
  )
}

function Members() {
  const { t } = useTranslation()
  const members = useMembers()
  const day = useDay()
  if (members.isPending) return <LoadingState />
  if (members.isError) return <ErrorMessage error={members.error} onRetry={() => members.refetch()} />
  return (
    <TableScroll caption={t(`${M}.caption`)}>
      <thead>
        <tr>
          <th scope="col">{t(`${M}.name`)}</th>
          <th scope="col">{t(`${M}.adhesion`)}</th>
          <th scope="col">{t(`${M}.population`)}</th>
          <th scope="col">{t(`${M}.schoolsOpen`)}</th>
        </tr>
      </thead>
      <tbody>
        {members.data.members.map((member) => (
          <tr key={member.id}>
            <th scope="row">
              <Link href={`/syndicat/adhesions/${member.id}`}>{member.name}</Link>
            </th>
            <td>
              {member.adhesion
                ? member.adhesion.withdrawnOn
                  ? t(`${M}.withdrawnOn`, { date: day(member.adhesion.withdrawnOn) })
                  : t(`${M}.adheredOn`, { date: day(member.adhesion.adheredOn) })
                : t(`${M}.notMember`)}
            </td>
            <td className="table__nowrap">
              {member.adhesion
                ? t(`${M}.populationOf`, {
                    population: member.adhesion.population.toLocaleString('fr-FR'),
                    year: member.adhesion.populationYear,
                  })
                : '—'}
            </td>
            <td>{t(`${M}.openOf`, { open: member.openSchools, count: member.schools })}</td>
          </tr>
        ))}
      </tbody>
    </TableScroll>
  )
}

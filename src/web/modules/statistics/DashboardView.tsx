import { lazy, type ReactNode, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import type { DashboardResponse } from '../../../contract/statistics.ts'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { TableScroll } from '../../ui/TableScroll.tsx'
import { averageDailyUsers, overallActivation, pointsByDay, total } from './dashboard-data.ts'

// The chart library is the heaviest part of the page: the tables and figures show before it arrives.
const ProfilesPerDayChart = lazy(async () => ({
  default: (await import('./Charts.tsx')).ProfilesPerDayChart,
}))
const ServicesChart = lazy(async () => ({ default: (await import('./Charts.tsx')).ServicesChart }))

function useFormat() {
  const { t, i18n } = useTranslation()
  const number = new Intl.NumberFormat(i18n.language)
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 })
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' })
  return {
    count: (value: number | null) => (value === null ? t('statistics.lessThanFive') : number.format(value)),
    percent: (value: number | null) => (value === null ? '—' : percent.format(value)),
    day: (iso: string) => date.format(new Date(iso)),
  }
}

/** A chart with its summary as caption and its data as a table one click away. */
function ChartSection({
  id,
  title,
  summary,
  chart,
  table,
}: {
  id: string
  title: string
  summary: string
  chart: ReactNode
  table: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <section className="stats-section card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <figure className="stats-figure">
        <figcaption>{summary}</figcaption>
        <Suspense fallback={<LoadingState />}>{chart}</Suspense>
      </figure>
      <details className="stats-table">
        <summary>{t('statistics.showTable')}</summary>
        {table}
      </details>
    </section>
  )
}

export function DashboardView({ dashboard }: { dashboard: DashboardResponse }) {
  const { t } = useTranslation()
  const format = useFormat()
  const { from, to } = dashboard
  const profile = (p: string) => t(`profiles.${p}` as 'profiles.parent')
  const service = (s: string) => t(`statistics.services.${s}` as 'statistics.services.Accueil')
  const connections = pointsByDay(dashboard.connections, from, to, 'connections')
  const users = pointsByDay(dashboard.connections, from, to, 'uniqueUsers')
  const totalConnections = total(dashboard.connections.map((r) => r.connections))
  const average = averageDailyUsers(dashboard.connections, from, to)
  const activation = overallActivation(dashboard.activation)
  const period = { from: format.day(from), to: format.day(to) }
  const services = dashboard.applications.map((row) => ({
    label: service(row.service),
    openings: row.openings,
  }))

  const dayTable = (field: 'connections' | 'uniqueUsers', caption: string) => (
    <TableScroll caption={caption} isCaptionVisible={false}>
      <thead>
        <tr>
          <th scope="col">{t('statistics.day')}</th>
          <th scope="col">{t('statistics.profile')}</th>
          <th scope="col" className="numeric">
            {t(`statistics.${field}`)}
          </th>
        </tr>
      </thead>
      <tbody>
        {dashboard.connections.map((row) => (
          <tr key={`${row.day}-${row.profile}`}>
            <td>{format.day(row.day)}</td>
            <td>{profile(row.profile)}</td>
            <td className="numeric">{format.count(row[field])}</td>
          </tr>
        ))}
      </tbody>
    </TableScroll>
  )

  return (
    <div className="stats-dashboard">
      <h2 className="visually-hidden">{dashboard.area.name}</h2>
      {dashboard.smallCountsHidden && <p className="stats-note">{t('statistics.smallCountsHidden')}</p>}
      <dl className="stats-figures">
        <div>
          <dt>{t('statistics.totalConnections')}</dt>
          <dd>{format.count(totalConnections)}</dd>
        </div>
        <div>
          <dt>{t('statistics.averageUsers')}</dt>
          <dd>{format.count(average)}</dd>
        </div>
        <div>
          <dt>{t('statistics.activationRate')}</dt>
          <dd>{format.percent(activation)}</dd>
        </div>
      </dl>
      {dashboard.connections.length === 0 && <p>{t('statistics.noData')}</p>}

      <ChartSection
        id="stats-connections"
        title={t('statistics.connectionsTitle')}
        summary={t('statistics.connectionsSummary', { total: format.count(totalConnections), ...period })}
        chart={<ProfilesPerDayChart kind="bars" {...connections} />}
        table={dayTable('connections', t('statistics.connectionsTitle'))}
      />
      <ChartSection
        id="stats-users"
        title={t('statistics.usersTitle')}
        summary={t('statistics.usersSummary', { average: format.count(average), ...period })}
        chart={<ProfilesPerDayChart kind="lines" {...users} />}
        table={dayTable('uniqueUsers', t('statistics.usersTitle'))}
      />
      <ChartSection
        id="stats-applications"
        title={t('statistics.applicationsTitle')}
        summary={services.length ? t('statistics.applicationsSummary') : t('statistics.applicationsEmpty')}
        chart={services.length ? <ServicesChart rows={services} /> : null}
        table={
          <TableScroll caption={t('statistics.applicationsTitle')} isCaptionVisible={false}>
            <thead>
              <tr>
                <th scope="col">{t('statistics.service')}</th>
                <th scope="col" className="numeric">
                  {t('statistics.openings')}
                </th>
              </tr>
            </thead>
            <tbody>
              {services.map((row) => (
                <tr key={row.label}>
                  <td>{row.label}</td>
                  <td className="numeric">{format.count(row.openings)}</td>
                </tr>
              ))}
            </tbody>
          </TableScroll>
        }
      />
      <section className="stats-section card" aria-labelledby="stats-activation">
        <h2 id="stats-activation">{t('statistics.activationTitle')}</h2>
        {dashboard.activation.length === 0 ? (
          <p>{t('statistics.activationEmpty')}</p>
        ) : (
          <TableScroll caption={t('statistics.activationTitle')} isCaptionVisible={false}>
            <thead>
              <tr>
                <th scope="col">{t('statistics.school')}</th>
                <th scope="col">{t('statistics.uai')}</th>
                <th scope="col" className="numeric">
                  {t('statistics.accounts')}
                </th>
                <th scope="col" className="numeric">
                  {t('statistics.activated')}
                </th>
                <th scope="col">{t('statistics.rate')}</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.activation.map((school) => (
                <tr key={school.schoolId}>
                  <td>{school.name}</td>
                  <td>{school.uai}</td>
                  <td className="numeric">{format.count(school.accounts)}</td>
                  <td className="numeric">{format.count(school.activated)}</td>
                  <td>
                    <span className="stats-rate">
                      <span className="stats-rate__bar" aria-hidden="true">
                        <span style={{ width: `${Math.round((school.rate ?? 0) * 100)}%` }} />
                      </span>
                      {format.percent(school.rate)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </TableScroll>
        )}
      </section>
    </div>
  )
}

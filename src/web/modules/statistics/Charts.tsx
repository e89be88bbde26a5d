import { useTranslation } from 'react-i18next'
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { DayPoint } from './dashboard-data.ts'
import { PROFILE_COLOURS } from './dashboard-data.ts'

/**
 * The charts are pictures for sighted readers: hidden from assistive technologies (`aria-hidden`),
 * since each one has its summary in the figure's caption and its data in a table beside it.
 */
const shortDay = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`

export function ProfilesPerDayChart({
  points,
  profiles,
  kind,
}: {
  points: DayPoint[]
  profiles: string[]
  kind: 'bars' | 'lines'
}) {
  const { t } = useTranslation()
  const label = (profile: string) => t(`profiles.${profile}` as 'profiles.parent')
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="day" tickFormatter={shortDay} minTickGap={16} fontSize={13} />
      <YAxis allowDecimals={false} width={44} fontSize={13} />
      <Tooltip labelFormatter={(day) => shortDay(String(day))} />
      <Legend wrapperStyle={{ fontSize: 14 }} />
    </>
  )
  return (
    <div className="stats-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={280}>
        {kind === 'bars' ? (
          <BarChart data={points} accessibilityLayer={false}>
            {axes}
            {profiles.map((profile) => (
              <Bar
                key={profile}
                dataKey={profile}
                name={label(profile)}
                stackId="profiles"
                fill={PROFILE_COLOURS[profile]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        ) : (
          <LineChart data={points} accessibilityLayer={false}>
            {axes}
            {profiles.map((profile) => (
              <Line
                key={profile}
                dataKey={profile}
                name={label(profile)}
                stroke={PROFILE_COLOURS[profile]}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </div>
  )
}

export function ServicesChart({ rows }: { rows: { label: string; openings: number | null }[] }) {
  return (
    <div className="stats-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={Math.max(120, rows.length * 40 + 40)}>
        <BarChart data={rows} layout="vertical" accessibilityLayer={false} margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} fontSize={13} />
          <YAxis type="category" dataKey="label" width={130} fontSize={13} />
          <Tooltip />
          <Bar dataKey="openings" fill="#1f4e79" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}

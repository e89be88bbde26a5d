import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import type { DashboardResponse, StatisticsArea } from '../../../contract/statistics.ts'
import { Alert } from '../../ui/Alert.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { SelectField } from '../../ui/SelectField.tsx'
import { dashboardPath, type Period, periodParams, useAreas, useDashboard } from './api.ts'
import { DashboardView } from './DashboardView.tsx'
import './statistics.css'

const PRESETS = ['30', '90', '365'] as const
type Preset = (typeof PRESETS)[number] | 'custom'

const isoDay = (date: Date) => date.toISOString().slice(0, 10)

/** The last `days` days up to today. */
function presetPeriod(days: number, now = new Date()): Period {
  return { from: isoDay(new Date(now.getTime() - (days - 1) * 86_400_000)), to: isoDay(now) }
}

const areaKey = (area: StatisticsArea) => `${area.kind}:${area.id}`

/**
 * The usage dashboards: the reader picks one of the areas open to them (the syndicate, a collectivity,
 * a circonscription, a school) and a period; charts, each with its table, and a CSV export.
 */
export function StatisticsPage() {
  const { t } = useTranslation()
  usePageTitle(t('statistics.title'))
  const areas = useAreas()
  const [params, setParams] = useSearchParams()
  const [preset, setPreset] = useState<Preset>('30')
  const [period, setPeriod] = useState<Period>(() => presetPeriod(30))
  const [custom, setCustom] = useState<Period>(period)

  const list = areas.data?.areas ?? []
  const area = list.find((a) => areaKey(a) === params.get('tableau')) ?? list[0] ?? null
  const dashboard = useDashboard(area, period)

  const choosePreset = (value: string) => {
    setPreset(value as Preset)
    if (value !== 'custom') setPeriod(presetPeriod(Number(value)))
  }
  const applyCustom = (event: FormEvent) => {
    event.preventDefault()
    setPeriod(custom)
  }

  return (
    <div className="stats-page">
      <PageHeading>{t('statistics.title')}</PageHeading>
      <p className="page-intro">{t('statistics.intro')}</p>
      {areas.isPending && <LoadingState />}
      {areas.isError && <ErrorMessage error={areas.error} onRetry={() => areas.refetch()} />}
      {areas.isSuccess && list.length === 0 && <Alert tone="info">{<p>{t('statistics.noArea')}</p>}</Alert>}
      {area && (
        <>
          <div className="stats-filters">
            <SelectField
              label={t('statistics.area')}
              value={areaKey(area)}
              onChange={(value) => setParams({ tableau: value }, { replace: true })}
              options={list.map((a) => ({
                value: areaKey(a),
                label: `${t(`statistics.areaKinds.${a.kind}`)} · ${a.name}`,
              }))}
            />
            <SelectField
              label={t('statistics.period')}
              value={preset}
              onChange={choosePreset}
              options={[...PRESETS, 'custom' as const].map((p) => ({
                value: p,
                label: t(`statistics.periods.${p}`),
              }))}
            />
          </div>
          {preset === 'custom' && (
            <form className="stats-custom-period" onSubmit={applyCustom}>
              <label className="field">
                <span className="field__label">{t('statistics.from')}</span>
                <input
                  className="field__input"
                  type="date"
                  required
                  value={custom.from}
                  onChange={(e) => setCustom({ ...custom, from: e.target.value })}
                />
              </label>
              <label className="field">
                <span className="field__label">{t('statistics.to')}</span>
                <input
                  className="field__input"
                  type="date"
                  required
                  value={custom.to}
                  onChange={(e) => setCustom({ ...custom, to: e.target.value })}
                />
              </label>
              <button type="submit" className="button button--secondary">
                {t('statistics.apply')}
              </button>
            </form>
          )}
          <p className="stats-export">
            <a
              className="button button--secondary"
              href={`${dashboardPath(area)}.csv?${periodParams(period)}`}
              download
            >
              {t('statistics.export')}
            </a>
            <span className="stats-export__hint">{t('statistics.exportHint')}</span>
          </p>
          {dashboard.isPending && <LoadingState />}
          {dashboard.isError && <ErrorMessage error={dashboard.error} onRetry={() => dashboard.refetch()} />}
          {dashboard.data && <DashboardView dashboard={dashboard.data as DashboardResponse} />}
        </>
      )}
    </div>
  )
}

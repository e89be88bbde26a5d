import { useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  DashboardResponse,
  StatisticsArea,
  StatisticsAreasResponse,
} from '../../../contract/statistics.ts'
import { apiGet } from '../../api/client.ts'

export type Period = { from: string; to: string }

/** The API path of an area's dashboard (add `.csv` for its export). */
export function dashboardPath(area: StatisticsArea): string {
  switch (area.kind) {
    case 'syndicat':
      return '/api/statistics/syndicate'
    case 'collectivite':
      return `/api/collectivities/${encodeURIComponent(area.id)}/statistics`
    case 'circonscription':
      return `/api/statistics/circonscriptions/${encodeURIComponent(area.id)}`
    case 'ecole':
      return `/api/schools/${encodeURIComponent(area.id)}/statistics`
  }
}

export const periodParams = (period: Period) => new URLSearchParams(period).toString()

export function useAreas() {
  return useQuery({
    queryKey: ['statistics', 'areas'],
    queryFn: () => apiGet<z.input<typeof StatisticsAreasResponse>>('/api/statistics/areas'),
  })
}

export function useDashboard(area: StatisticsArea | null, period: Period) {
  return useQuery({
    queryKey: ['statistics', 'dashboard', area?.kind, area?.id, period.from, period.to],
    queryFn: () => apiGet<DashboardResponse>(`${dashboardPath(area!)}?${periodParams(period)}`),
    enabled: area !== null,
  })
}

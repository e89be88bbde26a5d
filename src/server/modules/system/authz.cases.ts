import type { AuthzCase } from '../../testing/authz-matrix.ts'

/** Liveness, readiness and metrics are open to all (metrics can require METRICS_TOKEN). */
export const systemAuthzCases: AuthzCase[] = [
  { route: 'GET /health', anonymous: 200, personas: { default: 200 } },
  { route: 'GET /ready', anonymous: 200, personas: { default: 200 } },
  { route: 'GET /metrics', anonymous: 200, personas: { default: 200 } },
]

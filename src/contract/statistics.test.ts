import { describe, expect, it } from 'vitest'
import { type AppAudience, appsFor } from './apps.ts'
import { ENT_SERVICES, SERVICE_OF_APP } from './statistics.ts'

describe('the national classification of ENT services', () => {
  it('classifies every application of the ENT, and only them', () => {
    const everyone = new Set<AppAudience>([
      'pupil',
      'parent',
      'teacher',
      'staff',
      'collectivity_agent',
      'academic',
      'guest',
      'director',
      'syndicate_admin',
      'collectivity_admin',
    ])
    const ids = appsFor(everyone).map((app) => app.id)
    expect(Object.keys(SERVICE_OF_APP).sort()).toEqual([...ids].sort())
    for (const service of Object.values(SERVICE_OF_APP)) expect(ENT_SERVICES).toContain(service)
  })
})

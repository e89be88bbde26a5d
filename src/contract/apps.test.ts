import { describe, expect, it } from 'vitest'
import { type AppAudience, appsFor } from './apps.ts'
import { PROFILES } from './structures.ts'

const EVERYONE = new Set<AppAudience>([...PROFILES, 'director', 'syndicate_admin', 'collectivity_admin'])

describe('the catalogue of applications', () => {
  it('names each application once, at a path of its own', () => {
    const apps = appsFor(EVERYONE)
    expect(new Set(apps.map((app) => app.id)).size).toBe(apps.length)
    expect(new Set(apps.map((app) => app.path)).size).toBe(apps.length)
  })
})

import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import type { SchoolDirectoryReport } from '../../../../contract/school-directory.ts'
import { buildCollectivity } from '../../../testing/factories.ts'
import { createTestApp, type TestApp } from '../../../testing/test-app.ts'
import { TestClient } from '../../../testing/test-client.ts'
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts'
import { buildWorld, type World } from '../../../testing/world.ts'
import { SAMPLE_COMMUNES } from './test-support.ts'

type SendOptions = { apply?: boolean; collectivityId?: string; type?: string; file?: string }

/**
 * The import of the national directory through the API, for the tests: a database with the persona
 * world, the syndicate's administrator signed in, and before each test a new intercommunality without
 * schools covering 4 of the sample's communes (Denain, Douchy-les-Mines, Cuincy, Auby), whose schools
 * are removed after it so that the sample's UAIs stay free. Call it at the top of a `describe`.
 */
export function useSchoolDirectoryApi() {
  const api = {
    database: undefined as unknown as TestDatabase,
    test: undefined as unknown as TestApp,
    world: undefined as unknown as World,
    syndicate: undefined as unknown as TestClient,
    epciId: '',

    url: (collectivityId: string, query = '') =>
      `/api/collectivities/${collectivityId}/school-directory-imports${query}`,

    send(client: TestClient, body: string | Buffer | undefined, options: SendOptions = {}) {
      const query = new URLSearchParams({ apply: String(options.apply ?? false) })
      if (options.file) query.set('file', options.file)
      return client.request({
        method: 'POST',
        url: api.url(options.collectivityId ?? api.epciId, `?${query}`),
        payload: body,
        headers: body === undefined ? {} : { 'content-type': options.type ?? 'text/csv' },
      })
    },

    /** The syndicate's import of `body`, which must answer 200. */
    async report(body: string, options: Omit<SendOptions, 'type'> = {}): Promise<SchoolDirectoryReport> {
      const response = await api.send(api.syndicate, body, options)
      expect(response.statusCode, response.body).toBe(200)
      return response.json() as SchoolDirectoryReport
    },

    /** Every school row, to show a refused or dry-run import changed nothing. */
    allSchools: () => api.database.db.selectFrom('schools').selectAll().orderBy('uai').execute(),

    auditEntries: () =>
      api.database.db
        .selectFrom('auditLog')
        .selectAll()
        .where('action', '=', 'schoolDirectory.import')
        .where('targetId', '=', api.epciId)
        .execute(),
  }

  beforeAll(async () => {
    api.database = await createTestDatabase()
    api.world = await buildWorld(api.database.db)
    api.test = await createTestApp(api.database)
    api.syndicate = await TestClient.signedInAs(api.test.app, api.world.users.syndicateAdmin)
  })
  afterAll(async () => {
    await api.test.app.close()
    await api.database.drop()
  })
  beforeEach(async () => {
    const communeCodes = Object.values(SAMPLE_COMMUNES)
    api.epciId = (await buildCollectivity(api.database.db, { kind: 'epci', communeCodes })).id
  })
  afterEach(async () => {
    await api.database.db.deleteFrom('schools').where('collectivityId', '=', api.epciId).execute()
  })

  return api
}

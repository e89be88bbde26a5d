import { readFileSync } from 'node:fs'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { luhnCheckDigit } from '../../src/contract/codes.ts'
import {
  DIRECTORY_SAMPLE,
  DIRECTORY_SAMPLE_NAME,
  SAMPLE_COMMUNES,
  sampleWith,
} from '../../src/server/modules/imports/school-directory/test-support.ts'
import { demoUserId, signInAs } from '../fixtures/admin-session.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { showcaseLogin } from '../fixtures/demo.ts'
import { expect } from '../fixtures/expect.ts'
import { checkAtBothWidths } from '../fixtures/page-checks.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'
import { apiFor } from '../fixtures/session.ts'

const EPCI = 'CA de la Porte du Hainaut'

/**
 * The syndicate's administrator imports the national school directory into an intercommunality that
 * covers Denain and Douchy-les-Mines: a picture file is refused in plain French, the sample is simulated
 * (2 schools to create, 8 of other communes), then applied, and the new schools are in the console.
 */
describe.skipIf(!isChromiumAvailable)('school directory import', { timeout: 180_000 }, () => {
  let server: TestServer
  let context: BrowserContext
  let page: Page
  let collectivityId: string

  beforeAll(async () => {
    server = await startTestServer()
    collectivityId = (
      await server.db
        .insertInto('collectivities')
        .values({
          kind: 'epci',
          name: EPCI,
          siren: `20004196${luhnCheckDigit('20004196')}`,
          communeCodes: [SAMPLE_COMMUNES.denain, SAMPLE_COMMUNES.douchy],
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    context = await launchBrowser({ viewport: { width: 390, height: 844 } })
    const admin = showcaseLogin(server.demo, 'Administrateur·rice du syndicat')
    await signInAs(context, server.baseUrl, server.db, demoUserId(server.demo, admin))
    page = await context.newPage()
  })

  afterAll(async () => {
    await context?.close()
    await server?.close()
  })

  const fileInput = () => page.getByLabel('Fichier de l’annuaire (CSV)')
  const openImport = async () => {
    await page.goto(`${server.baseUrl}/syndicat/membres/${collectivityId}/annuaire`)
    await page.getByRole('heading', { level: 1, name: 'Importer l’annuaire des écoles' }).waitFor()
  }
  const chooseSample = () =>
    fileInput().setInputFiles({
      name: DIRECTORY_SAMPLE_NAME,
      mimeType: 'text/csv',
      buffer: readFileSync(DIRECTORY_SAMPLE),
    })
  /** The sample applied through the API, as a journey that starts after an import needs it. */
  const applySampleThroughApi = async () => {
    if ((await schoolsOfCollectivity()).length > 0) return
    const query = new URLSearchParams({ apply: 'true', file: DIRECTORY_SAMPLE_NAME })
    await apiFor(context, server.baseUrl)(
      'POST',
      `/api/collectivities/${collectivityId}/school-directory-imports?${query}`,
      readFileSync(DIRECTORY_SAMPLE),
      { 'content-type': 'text/csv' },
    )
  }

  it('opens the import from the collectivity’s card', async () => {
    await page.goto(`${server.baseUrl}/syndicat/membres`)
    await page.getByRole('heading', { level: 1, name: 'Collectivités membres' }).waitFor()
    await page.getByRole('link', { name: `Importer l’annuaire des écoles de ${EPCI}` }).click()
    await page.getByRole('heading', { level: 1, name: 'Importer l’annuaire des écoles' }).waitFor()
    await expect(page).toHaveURL(`/syndicat/membres/${collectivityId}/annuaire`)
    await page.getByText('des communes de la collectivité sont reprises : 59172, 59179.').waitFor()
    await checkAtBothWidths(page, 'admin-directory-import')
  })

  it('refuses a file that is not a CSV, in plain French, at the field', async () => {
    await openImport()
    await fileInput().setInputFiles({
      name: 'photo.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 1, 2]),
    })
    await page.getByRole('button', { name: 'Analyser le fichier' }).click()
    await page
      .getByRole('alert')
      .getByText('« photo.csv » n’est pas un fichier CSV : c’est une image PNG.', { exact: false })
      .waitFor()
    await expect(fileInput()).toHaveAttribute('aria-invalid', 'true')
    await checkAtBothWidths(page, 'admin-directory-import-error')
  })

  it('simulates the sample: what it would create and ignore, by line, and nothing changes', async () => {
    await openImport()
    await chooseSample()
    // The keyboard alone: the file's field, then its button.
    await fileInput().focus()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    const title = page.getByRole('heading', { level: 2, name: 'Ce que l’import ferait' })
    await title.waitFor()
    // The report takes the focus, so a screen reader starts reading there.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Ce que l’import ferait')
    await page.getByText(`Fichier « ${DIRECTORY_SAMPLE_NAME} » : 10 lignes lues.`).waitFor()
    const summary = page.getByRole('table', { name: 'Résumé' })
    await expect(summary.getByRole('row', { name: 'À créer 2' })).toHaveCount(1)
    await expect(summary.getByRole('row', { name: 'Ignorées : autres communes 8' })).toHaveCount(1)
    await expect(summary.getByRole('row', { name: 'Anomalies (lignes non importées) 0' })).toHaveCount(1)
    const created = page.getByRole('table', { name: 'Écoles à créer' })
    await created.getByRole('row', { name: /ligne 2 École primaire Berthelot/ }).waitFor()
    await created.getByRole('row', { name: /ligne 3 École élémentaire du Centre/ }).waitFor()
    await page
      .getByText('En appliquant l’import, Préau crée 2 écoles, en une seule fois.', { exact: false })
      .waitFor()
    await expect.poll(() => schoolsOfCollectivity()).toEqual([])
    await checkAtBothWidths(page, 'admin-directory-import-dry-run')
  })

  it('applies the plan and shows what it did; the schools are in the console', async () => {
    await openImport()
    await chooseSample()
    await page.getByRole('button', { name: 'Analyser le fichier' }).click()
    await page.getByRole('heading', { level: 2, name: 'Ce que l’import ferait' }).waitFor()
    await page.getByRole('button', { name: 'Appliquer l’import' }).click()
    await page.getByRole('heading', { level: 2, name: 'Import appliqué' }).waitFor()
    await page.getByText('C’est fait : 2 écoles créées.').waitFor()
    await page.getByRole('table', { name: 'Écoles créées' }).waitFor()
    await expect.poll(() => schoolsOfCollectivity()).toEqual(['0590318A', '0590319B'])
    await checkAtBothWidths(page, 'admin-directory-import-applied')

    await page.getByRole('link', { name: 'Voir les écoles' }).click()
    await page.getByRole('heading', { level: 1, name: 'Écoles' }).waitFor()
    await page.getByRole('link', { name: 'École primaire Berthelot' }).waitFor()
  })

  it('shows, line by line, what a newer file would change and the lines it cannot import', async () => {
    await applySampleThroughApi()
    await openImport()
    await fileInput().setInputFiles({
      name: 'annuaire-2027.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        sampleWith({ 2: { name: 'Ecole primaire Marcellin Berthelot' }, 3: { uai: '0590319C' } }),
      ),
    })
    await page.getByRole('button', { name: 'Analyser le fichier' }).click()
    await page.getByRole('heading', { level: 2, name: 'Ce que l’import ferait' }).waitFor()
    await page
      .getByRole('table', { name: 'Écoles à mettre à jour' })
      .getByRole('row', {
        name: /ligne 2 .* nom : « École primaire Berthelot » → « École primaire Marcellin Berthelot »/,
      })
      .waitFor()
    await page
      .getByRole('table', { name: '1 anomalie' })
      .getByRole('row', { name: /ligne 3 UAI invalide « 0590319C » \(la lettre de contrôle serait B\)/ })
      .waitFor()
    await checkAtBothWidths(page, 'admin-directory-import-anomalies')
  })

  async function schoolsOfCollectivity(): Promise<string[]> {
    const rows = await server.db
      .selectFrom('schools')
      .select('uai')
      .where('collectivityId', '=', collectivityId)
      .orderBy('uai')
      .execute()
    return rows.map((row) => row.uai)
  }
})

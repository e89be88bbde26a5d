import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { BrowserContext, Download, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { signInAs } from '../fixtures/admin-session.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { expect } from '../fixtures/expect.ts'
import { checkAtBothWidths, checkPage } from '../fixtures/page-checks.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'
import { apiFor } from '../fixtures/session.ts'

// Byte-exact copies of the real ONDE exports (see the parsing fixtures' README).
const SAMPLE = path.join(import.meta.dirname, '../../src/server/modules/imports/parsing/fixtures')
const FILES = {
  pupils: path.join(SAMPLE, 'CSVExtraction-eleves.csv'),
  guardians: path.join(SAMPLE, 'CSVExtraction-responsables.csv'),
  teachers: path.join(SAMPLE, 'CSVExtraction-enseignants.csv'),
}
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])

/**
 * A director imports their school from ONDE: the three sample files, the dry-run report (nothing has
 * changed yet), anomalies filtered to the possible duplicates, BEAUMONT Muriel decided as two people,
 * apply after confirming, then the connection sheets of the classes. A picture renamed .csv is refused
 * in French, and a dry run can be discarded.
 */
describe.skipIf(!isChromiumAvailable)('the ONDE import by a director', { timeout: 180_000 }, () => {
  let server: TestServer
  let context: BrowserContext
  let page: Page
  let school: TestServer['demo']['schools'][number]

  beforeAll(async () => {
    server = await startTestServer()
    const { demo } = server
    // The sample files come from a primaire (TPS to CM2): its director imports them.
    school = demo.schools.find((s) => s.kind === 'primaire')!
    const director = demo.memberships.find(
      (m) => m.schoolId === school.id && m.functions.includes('director'),
    )!.userId
    context = await launchBrowser({ viewport: { width: 390, height: 844 } })
    await signInAs(context, server.baseUrl, server.db, director)
    page = await context.newPage()
    page.on('pageerror', (error) => console.warn('PAGEERROR', error.message))
    page.on('console', (message) => message.type() === 'error' && console.warn('CONSOLE', message.text()))
  })

  afterAll(async () => {
    await context?.close()
    await server?.close()
  })

  const heading = (name: string, level = 1) => page.getByRole('heading', { level, name })
  const importsUrl = () => `${server.baseUrl}/ecoles/${school.id}/administration/imports`
  const isFocused = (name: string) =>
    heading(name, 2).evaluate((element) => element === document.activeElement)
  const countPupils = async () =>
    Number(
      (
        await server.db
          .selectFrom('memberships')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('schoolId', '=', school.id)
          .where('profile', '=', 'pupil')
          .where('missingSince', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    )
  const runRows = () =>
    page.getByRole('region', { name: 'Les derniers imports de l’école' }).locator('tbody tr')

  /** The three sample files staged through the API (a dry run), as a journey past the upload needs. */
  const stageSample = async (): Promise<string> => {
    const csrf = await context.request.get(`${server.baseUrl}/api/auth/csrf`)
    const { token } = (await csrf.json()) as { token: string }
    const file = async (kind: keyof typeof FILES) => ({
      name: path.basename(FILES[kind]),
      mimeType: 'text/csv',
      buffer: await readFile(FILES[kind]),
    })
    const response = await context.request.post(`${server.baseUrl}/api/schools/${school.id}/imports`, {
      headers: { 'x-csrf-token': token },
      multipart: {
        pupils: await file('pupils'),
        guardians: await file('guardians'),
        teachers: await file('teachers'),
      },
    })
    expect(response.status(), await response.text()).toBe(201)
    return ((await response.json()) as { id: string }).id
  }
  const openReport = async (runId: string) => {
    await page.goto(`${importsUrl()}/${runId}`)
    await heading('Simulation : rien n’a encore changé', 2).waitFor({ timeout: 60_000 })
  }

  describe('a file that is no CSV', () => {
    it('is refused with the server’s French sentence, and nothing else changes', async () => {
      await page.goto(importsUrl())
      await heading('Importer depuis ONDE').waitFor()
      await page.getByText('Aucun import pour le moment.').waitFor()

      // Nothing chosen: the form says so before sending anything.
      await page.getByRole('button', { name: 'Analyser les fichiers' }).click()
      await page
        .getByRole('alert')
        .getByText('Choisissez au moins un fichier : élèves, responsables ou enseignant·es.')
        .waitFor()

      await page
        .getByLabel('Élèves (export ONDE)')
        .setInputFiles({ name: 'eleves.csv', mimeType: 'text/csv', buffer: PNG })
      await page.getByRole('button', { name: 'Analyser les fichiers' }).click()
      const alert = page.getByRole('alert')
      await alert
        .getByText(
          '« eleves.csv » n’est pas un fichier CSV : c’est une image PNG. Enregistrez les données au format CSV (séparateur point-virgule) et déposez ce fichier-là.',
        )
        .waitFor()
      // The refused file's field says it is the one in error; the page stays where it was.
      await expect(page.getByLabel('Élèves (export ONDE)')).toHaveAttribute('aria-invalid', 'true')
      await expect
        .poll(() => page.getByLabel('Responsables (export ONDE)').getAttribute('aria-invalid'))
        .toBeNull()
      await expect(page).toHaveURL(`/ecoles/${school.id}/administration/imports`)
      await expect(page.getByText('Aucun import pour le moment.')).toBeVisible()
      await checkAtBothWidths(page, 'import-onde-refused')
    })
  })

  describe('the sample files of a school', () => {
    let pupilsBefore: number

    it('opens the import from the school’s administration', async () => {
      pupilsBefore = await countPupils()
      await page.goto(`${server.baseUrl}/ecoles/${school.id}/administration`)
      await heading('Classes').waitFor()
      await page.getByRole('link', { name: 'Importer depuis ONDE' }).click()
      await heading('Importer depuis ONDE').waitFor()
      // Also a section of the school's administration.
      await expect(
        page
          .getByRole('navigation', { name: 'Sections de l’administration de l’école' })
          .getByRole('link', { name: 'Import ONDE' }),
      ).toHaveAttribute('aria-current', 'page')
      await page.getByRole('heading', { name: 'Où trouver les fichiers ?' }).waitFor()
      await checkAtBothWidths(page, 'import-onde-upload')
    })

    it('uploads the three files with a progress bar and lands on the report, focused', async () => {
      await page.goto(importsUrl())
      await heading('Importer depuis ONDE').waitFor()
      await page.getByLabel('Élèves (export ONDE)').setInputFiles(FILES.pupils)
      await page.getByLabel('Responsables (export ONDE)').setInputFiles(FILES.guardians)
      await page.getByLabel('Enseignants (fichier CSV)').setInputFiles(FILES.teachers)
      // The answer is held back a moment, so the progress of the upload can be seen.
      await page.route('**/api/schools/*/imports', async (route) => {
        if (route.request().method() === 'POST') await new Promise((resolve) => setTimeout(resolve, 1500))
        await route.continue()
      })
      await page.getByRole('button', { name: 'Analyser les fichiers' }).click()
      await page.getByRole('progressbar').first().waitFor()
      // Looked at, not checked by axe: it moves.
      await saveScreenshot(page, 'import-onde-uploading-phone')
      await heading('Simulation : rien n’a encore changé', 2).waitFor({ timeout: 60_000 })
      await page.unroute('**/api/schools/*/imports')
      await expect.poll(() => isFocused('Simulation : rien n’a encore changé')).toBe(true)

      // On a phone, one card per category of people (a table from 48rem).
      const people = page.getByRole('list', { name: 'Personnes', exact: true })
      const pupils = people.getByRole('listitem').filter({ hasText: 'Élèves' })
      await expect
        .poll(() => pupils.locator('dt').allTextContents())
        .toEqual(['Nouveaux', 'Modifiés', 'Inchangés', 'Plus présents'])
      await expect
        .poll(async () => (await pupils.locator('dd').allTextContents()).slice(0, 3))
        .toEqual(['247', '0', '0'])
      await expect(page.getByText(/gardent leur accès \d+ jours/)).toBeVisible()

      const files = page.getByRole('region', { name: 'Les fichiers lus' })
      await expect(files.getByRole('row', { name: /CSVExtraction-eleves\.csv/ })).toContainText('247')
      await expect(files.locator('tbody tr')).toHaveCount(3)
      // Nothing has changed yet.
      expect(await countPupils()).toBe(pupilsBefore)
      await checkAtBothWidths(page, 'import-onde-report')
    })

    it('filters the anomalies on « Doublon possible »', async () => {
      await openReport(await stageSample())
      const select = page.getByRole('combobox', { name: 'Problème' })
      // « Doublon possible » within the school, not « … avec une autre école » (ADR 0014).
      const label = await select.locator('option', { hasText: /^Doublon possible \(/ }).textContent()
      expect(label).toMatch(/^Doublon possible \(\d+\)$/)
      await select.selectOption({ label: label! })
      // On a phone, one card per anomaly (a table from 48rem).
      const anomalies = page.getByRole('list', { name: 'Les anomalies, avec leur fichier et leur ligne' })
      await expect
        .poll(async () => {
          const codes = await anomalies.locator('.import-anomaly__code').allTextContents()
          return codes.length > 0 && codes.every((code) => code === 'Doublon possible')
        })
        .toBe(true)
      const beaumont = anomalies.getByRole('listitem').filter({ hasText: 'BEAUMONT' })
      await beaumont.getByText('Ligne 20 de « CSVExtraction-responsables.csv »').waitFor()
      await checkAtBothWidths(page, 'import-onde-duplicates-filter')
    })

    it('decides that the two BEAUMONT Muriel are different people', async () => {
      await openReport(await stageSample())
      const choice = page.getByRole('radiogroup', { name: /BEAUMONT/ })
      await choice.getByText('Lignes 20 et 21', { exact: false }).waitFor()
      await choice.getByText('Personnes différentes').click()
      await page
        .getByRole('status')
        .getByText(/^Choix enregistré pour .*BEAUMONT.*\s:\sPersonnes différentes\./)
        .waitFor()
      // Saved on the server: a fresh page shows the choice.
      await page.reload()
      await heading('Simulation : rien n’a encore changé', 2).waitFor()
      await expect(
        page
          .getByRole('radiogroup', { name: /BEAUMONT/ })
          .getByRole('radio', { name: /Personnes différentes/ }),
      ).toBeChecked()
    })

    it('decides that a guardian named like a parent of another school is the same person', async () => {
      // Corinne ADJIBEL, a guardian of the sample files, already has an account in another school of
      // the deployment, with nothing in common but her names: a « doublon possible » the director decides.
      const otherSchool = server.demo.schools.find((s) => s.id !== school.id)!
      const corinne = await server.db
        .insertInto('users')
        .values({
          login: 'corinne.adjibel',
          firstName: 'Corinne',
          lastName: 'ADJIBEL',
          displayName: 'Corinne ADJIBEL',
          email: 'corinne.adjibel@exemple.fr',
          phone: '0611223344',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await server.db
        .insertInto('memberships')
        .values({ schoolId: otherSchool.id, userId: corinne.id, profile: 'parent' })
        .execute()
      await openReport(await stageSample())
      const section = page.getByRole('region', { name: /^Doublons possibles avec d’autres écoles/ })
      const pair = section
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: 'Corinne ADJIBEL' }) })
      // Both people side by side: the school of each, her children in the files, contacts masked.
      await pair.getByText(otherSchool.name).waitFor()
      await pair.getByText(/Alexandre \(CE2\)/).waitFor()
      await pair.getByText('c•••@exemple.fr').waitFor()
      await checkAtBothWidths(page, 'import-onde-account-duplicates')
      await pair.getByRole('button', { name: 'C’est la même personne' }).click()
      await page.getByRole('status').getByText('Corinne ADJIBEL : même personne, c’est noté.').waitFor()
      await pair.getByText(/^Décidé : c’est la même personne\./).waitFor()
      await expect(pair.getByRole('button', { name: 'C’est la même personne' })).toHaveCount(0)
      await checkAtBothWidths(page, 'import-onde-account-duplicates-decided')
      const decisions = await server.db.selectFrom('importAccountDecisions').selectAll().execute()
      expect(decisions.map((d) => [d.otherUserId, d.decision])).toEqual([[corinne.id, 'same']])
    })

    it('applies the import after confirming, then offers the connection sheets', async () => {
      await openReport(await stageSample())
      await page.getByRole('button', { name: 'Appliquer l’import' }).click()
      const dialog = page.getByRole('alertdialog', { name: 'Appliquer l’import ?' })
      await dialog.getByText('247 élèves seront créé·es.').waitFor()
      await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused()
      await checkPage(page, 'import-onde-apply-dialog-phone')
      await dialog.getByRole('button', { name: 'Oui, appliquer l’import' }).click()

      await heading('Import appliqué', 2).waitFor({ timeout: 60_000 })
      await expect.poll(() => isFocused('Import appliqué')).toBe(true)
      await page.getByText(/comptes ont été ouverts/).waitFor()
      expect(await countPupils()).toBe(247)

      const sheets = page.getByRole('region', { name: 'Fiches de connexion à imprimer' })
      const pdfLinks = sheets.getByRole('link', { name: /^Fiches de connexion \(PDF\) de la classe / })
      await expect.poll(() => pdfLinks.count()).toBeGreaterThanOrEqual(10)
      const cp = sheets.getByRole('link', { name: 'Fiches de connexion (PDF) de la classe CP', exact: true })
      const [pdf] = await Promise.all([page.waitForEvent('download'), cp.click()])
      expect((await bytesOf(pdf)).subarray(0, 4).toString('latin1')).toBe('%PDF')
      await checkAtBothWidths(page, 'import-onde-applied')
    })

    it('lists the import as applied, with a link back to its report', async () => {
      if (
        (await server.db.selectFrom('importRuns').select('id').where('status', '=', 'applied').execute())
          .length === 0
      ) {
        await apiFor(context, server.baseUrl)(
          'POST',
          `/api/schools/${school.id}/imports/${await stageSample()}/apply`,
        )
      }
      await page.goto(importsUrl())
      await heading('Importer depuis ONDE').waitFor()
      const row = runRows().first()
      await row.getByText('Appliqué').waitFor()
      await expect(row.getByRole('button', { name: /^Abandonner/ })).toHaveCount(0)
      await row.getByRole('link', { name: /^Voir le rapport/ }).click()
      await heading('Import appliqué', 2).waitFor()
    })
  })

  describe('a dry run left aside', () => {
    it('is discarded from the list of imports', async () => {
      await page.goto(importsUrl())
      await heading('Importer depuis ONDE').waitFor()
      await page.getByLabel('Enseignants (fichier CSV)').setInputFiles(FILES.teachers)
      await page.getByRole('button', { name: 'Analyser les fichiers' }).click()
      await heading('Simulation : rien n’a encore changé', 2).waitFor({ timeout: 60_000 })
      await page.getByRole('link', { name: 'Importer depuis ONDE' }).first().click()
      await heading('Importer depuis ONDE').waitFor()

      const row = runRows().first()
      await row.getByText('Simulation').waitFor()
      // The runs of the school so far (other journeys of this file may have made some).
      const runs = await server.db
        .selectFrom('importRuns')
        .select('id')
        .where('schoolId', '=', school.id)
        .execute()
      await checkAtBothWidths(page, 'import-onde-list')
      await row.getByRole('button', { name: /^Abandonner l’import du / }).click()
      const dialog = page.getByRole('alertdialog', { name: 'Abandonner cet import ?' })
      await dialog.getByRole('button', { name: 'Oui, abandonner' }).click()
      await page
        .getByRole('status')
        .getByText(/^L’import du .* a été abandonné\.$/)
        .waitFor()
      await row.getByText('Abandonné').waitFor()
      // Discarded, it stays in the list, said so.
      await expect(runRows()).toHaveCount(Math.min(runs.length, 20))
    })
  })
})

async function bytesOf(download: Download): Promise<Buffer> {
  return readFile((await download.path())!)
}

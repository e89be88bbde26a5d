import { readFile } from 'node:fs/promises'
import type { BrowserContext, Download, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { CALL_CSV_COLUMNS } from '../../src/contract/contributions.ts'
import { demoUserId, signInAs } from '../fixtures/admin-session.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { showcaseLogin } from '../fixtures/demo.ts'
import { expect } from '../fixtures/expect.ts'
import { checkAtBothWidths } from '../fixtures/page-checks.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'
import { signInThroughApi } from '../fixtures/session.ts'

const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' })
const year = Number(today.slice(0, 4))

/**
 * The syndicate's back-office: the finance officer simulates next year's rule beside this year's
 * amounts, adopts it, computes it, downloads a member's notice and the CSV; the members' page shows the
 * schools' deployment; a collectivity reads its own contribution and notice; the IEN sees her
 * circonscription.
 */
describe.skipIf(!isChromiumAvailable)('the syndicate’s back-office', { timeout: 180_000 }, () => {
  let server: TestServer
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    server = await startTestServer()
    context = await launchBrowser({ viewport: { width: 1280, height: 800 } })
    page = await context.newPage()
    page.on('pageerror', (error) => console.warn('PAGEERROR', error.message))
  })
  afterAll(async () => {
    await context?.close()
    await server?.close()
  })

  const heading = (name: string) => page.getByRole('heading', { level: 1, name })
  const bytesOf = async (download: Download) => readFile((await download.path())!)
  const valmont = () => server.demo.collectivities[0]!.name

  describe('the finance officer', () => {
    beforeAll(async () => {
      const admin = showcaseLogin(server.demo, 'Administrateur·rice du syndicat')
      await signInAs(context, server.baseUrl, server.db, demoUserId(server.demo, admin))
    })

    it('simulates next year’s rule beside this year’s amounts, adopts it and computes the year', async () => {
      await page.goto(`${server.baseUrl}/syndicat/finances`)
      await heading('Finances').waitFor()
      const rules = page.getByRole('table', { name: 'Règles de contribution par année' })
      await expect(rules.getByRole('row')).toHaveCount(4)
      await checkAtBothWidths(page, 'back-office-finances')

      await rules.getByRole('link', { name: `Contributions ${year + 1} (version 1)` }).click()
      await heading(`Contributions ${year + 1} (version 1)`).waitFor()
      const simulation = page.getByRole('table', { name: `Simulation des contributions ${year + 1}` })
      // Simulating, adopting and computing answer within a second alone; a loaded machine gets 30 s.
      await simulation.getByRole('columnheader', { name: `Montant ${year}` }).waitFor()
      await expect(simulation.getByRole('rowheader', { name: valmont() })).toBeVisible()
      await checkAtBothWidths(page, 'back-office-simulation')

      // Editing the draft: a word, then a negative amount, are refused in French; a right amount is kept.
      await page.getByRole('button', { name: 'Modifier le projet' }).click()
      const perSchool = page.getByRole('textbox', { name: 'Par école' })
      await perSchool.fill('douze')
      await page.getByRole('button', { name: 'Enregistrer le projet' }).click()
      await page
        .getByText('Par école : saisissez un montant en euros, avec au plus deux décimales.')
        .waitFor()
      await perSchool.fill('-5')
      await page.getByRole('button', { name: 'Enregistrer le projet' }).click()
      await page.getByText('Le montant par école ne peut être négatif.').first().waitFor()
      await checkAtBothWidths(page, 'back-office-draft-edit')
      await perSchool.fill('250')
      await page.getByRole('button', { name: 'Enregistrer le projet' }).click()
      await page.getByText('Projet enregistré : la simulation est à jour.').waitFor()

      await page.getByRole('textbox', { name: 'Numéro de la délibération' }).fill(`${year}-30`)
      await page.getByLabel('Date de la délibération').fill(today)
      await page.getByRole('button', { name: 'Adopter', exact: true }).click()
      await page.getByText('Règle adoptée : vous pouvez maintenant calculer les contributions.').waitFor()

      await page.getByRole('button', { name: 'Calculer les contributions' }).click()
      const computed = page.getByRole('table', { name: `Contributions ${year + 1} par membre` })
      await computed.getByRole('rowheader', { name: valmont() }).waitFor()
      await expect(page.getByText('Contributions calculées.')).toBeVisible()
      await checkAtBothWidths(page, 'back-office-computation')
    })

    it('downloads a member’s PDF notice and the CSV for the accounting software', async () => {
      const [notice] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: `Avis PDF de ${valmont()}` }).click(),
      ])
      expect((await bytesOf(notice)).subarray(0, 4).toString('latin1')).toBe('%PDF')
      expect(notice.suggestedFilename()).toMatch(new RegExp(`^appel-contribution-${year + 1}-\\d{9}\\.pdf$`))

      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Télécharger l’appel de fonds (CSV)' }).click(),
      ])
      const text = (await bytesOf(csv)).toString('utf8')
      expect(text).toContain(CALL_CSV_COLUMNS.join(';'))
      expect(text).toContain(valmont())
    })

    it('shows the members and each school’s deployment with its history', async () => {
      await page.goto(`${server.baseUrl}/syndicat/adhesions`)
      await heading('Adhésions et déploiement').waitFor()
      await checkAtBothWidths(page, 'back-office-members')
      await page.getByRole('link', { name: valmont() }).click()
      await heading(valmont()).waitFor()
      const schools = page.getByRole('table', { name: `Écoles de ${valmont()} et leur déploiement` })
      await expect(schools.getByText('ouverte le', { exact: false }).first()).toBeVisible()
      await checkAtBothWidths(page, 'back-office-member')
    })
  })

  describe('a collectivity’s administrator', () => {
    beforeAll(async () => {
      // An administrator signs in with a second factor: the fixture opens the session directly.
      await context.clearCookies()
      const login = showcaseLogin(server.demo, `Administrateur·rice — ${valmont()}`)
      await signInAs(context, server.baseUrl, server.db, demoUserId(server.demo, login))
    })

    it('reads its own contribution, its breakdown and its notice, and nothing of another member', async () => {
      await page.goto(`${server.baseUrl}/syndicat/adhesions`)
      await page.getByRole('link', { name: valmont() }).click()
      await heading(valmont()).waitFor()
      // This year's computed contribution (the demo's), and next year's once the officer computed it.
      const call = page.getByRole('heading', { level: 3, name: new RegExp(`^Contribution ${year} : `) })
      await call.waitFor()
      await expect(page.getByText(/^Écoles \(/).first()).toBeVisible()
      await checkAtBothWidths(page, 'back-office-member-calls')
      const [notice] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: `Télécharger l’avis de contribution ${year} (PDF)` }).click(),
      ])
      expect((await bytesOf(notice)).subarray(0, 4).toString('latin1')).toBe('%PDF')

      const other = server.demo.collectivities.find((c) => c.name !== valmont())
      if (other) {
        const response = await page.request.get(`${server.baseUrl}/api/contributions/members/${other.id}`)
        expect(response.status()).toBe(404)
      }
    })
  })

  describe('the IEN', () => {
    beforeAll(async () => {
      await context.clearCookies()
      await signInThroughApi(context, server.baseUrl, showcaseLogin(server.demo, 'IEN de circonscription'))
    })

    it('opens her circonscription from the applications and sees its schools’ deployment', async () => {
      await page.goto(`${server.baseUrl}/`)
      await page.getByRole('button', { name: 'Applications' }).click()
      await page.getByRole('menuitem', { name: 'Ma circonscription' }).click()
      await heading('Ma circonscription').waitFor()
      const circonscription = server.demo.schools[0]!.circonscription
      const table = page.getByRole('table', { name: `Écoles de la circonscription ${circonscription}` })
      await expect(table.getByRole('row')).toHaveCount(4)
      await expect(table.getByText('ouverte', { exact: true })).toHaveCount(2)
      await expect(table.getByText('en préparation', { exact: true })).toHaveCount(1)
      await checkAtBothWidths(page, 'back-office-circonscription')
    })
  })
})

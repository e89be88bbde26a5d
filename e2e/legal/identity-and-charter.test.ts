import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHARTER_VERSIONS, CURRENT_CHARTER } from '../../src/contract/charter.ts'
import { ARRETE_ENT_2006_URL } from '../../src/web/modules/legal/legal-texts.ts'
import { demoUserId, signInAs } from '../fixtures/admin-session.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { showcaseLogin } from '../fixtures/demo.ts'
import { checkAtBothWidths } from '../fixtures/page-checks.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'
import { signInThroughApi } from '../fixtures/session.ts'

/**
 * The deployment's identity, set by the syndicate and read by families on the legal page, and a new
 * version of the charter that a parent accepts before going on.
 */
describe.skipIf(!isChromiumAvailable)(
  'identity of the syndicate and the charter',
  { timeout: 90_000 },
  () => {
    let server: TestServer
    let context: BrowserContext
    let page: Page

    beforeAll(async () => {
      server = await startTestServer()
      context = await launchBrowser({ viewport: { width: 390, height: 844 } })
      page = await context.newPage()
    })
    afterAll(async () => {
      await context?.close()
      await server?.close()
    })

    it('lets the syndicate’s administrator set its DPO’s address, which the legal page then shows to anyone', async () => {
      const admin = showcaseLogin(server.demo, 'Administrateur·rice du syndicat')
      await signInAs(context, server.baseUrl, server.db, demoUserId(server.demo, admin))
      await page.goto(`${server.baseUrl}/syndicat/identite`)
      await page.getByRole('heading', { level: 1, name: 'Identité du syndicat' }).waitFor()
      const email = page.getByRole('textbox', { name: 'Adresse e-mail du DPO' })
      await email.fill('pas-une-adresse')
      await page.getByRole('button', { name: 'Enregistrer' }).click()
      await page.getByText('Saisissez une adresse e-mail valide, comme dpo@syndicat.fr.').waitFor()
      await email.fill('protection.donnees@preau-numerique.example.fr')
      await page.getByRole('button', { name: 'Enregistrer' }).click()
      await page.getByText('Identité du syndicat enregistrée.').waitFor()
      await checkAtBothWidths(page, 'deployment-identity')

      await context.clearCookies()
      await page.goto(`${server.baseUrl}/donnees-personnelles`)
      await page.getByRole('link', { name: 'protection.donnees@preau-numerique.example.fr' }).waitFor()
      await page.getByText('Syndicat mixte Préau Numérique').first().waitFor()
      await checkAtBothWidths(page, 'data-protection-contact')

      // The arrêté of 30 November 2006 (art. 8): readable from the home page, at its Légifrance address.
      await page.goto(`${server.baseUrl}/`)
      await page.getByRole('contentinfo').getByRole('link', { name: 'Données personnelles' }).click()
      const arrete = page.getByRole('link', { name: /arrêté du 30 novembre 2006/ })
      await arrete.waitFor()
      expect(await arrete.getAttribute('href')).toBe(ARRETE_ENT_2006_URL)
    })

    it('asks a parent who accepted the previous charter to accept the new one, then lets them in', async () => {
      const login = showcaseLogin(server.demo, 'Parent')
      const parentId = demoUserId(server.demo, login)
      await server.db
        .deleteFrom('charterAcceptances')
        .where('userId', '=', parentId)
        .where('version', '=', CURRENT_CHARTER.version)
        .execute()
      await server.db
        .insertInto('charterAcceptances')
        .values({ userId: parentId, version: CHARTER_VERSIONS[0].version })
        .onConflict((conflict) => conflict.doNothing())
        .execute()
      await context.clearCookies()
      await signInThroughApi(context, server.baseUrl, login)
      await page.goto(`${server.baseUrl}/annuaire`)
      await page.getByRole('heading', { level: 1, name: 'La charte d’utilisation a changé' }).waitFor()
      await page.getByText(CURRENT_CHARTER.changes).waitFor()
      await checkAtBothWidths(page, 'charter-update')
      await page.getByRole('button', { name: 'J’accepte la charte' }).click()
      await page.getByRole('heading', { level: 1, name: 'Annuaire' }).waitFor()
    })
  },
)

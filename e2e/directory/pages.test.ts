import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { showcaseLogin } from '../fixtures/demo.ts'
import { checkPage, VIEWPORTS } from '../fixtures/page-checks.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'
import { signInThroughApi } from '../fixtures/session.ts'

/**
 * The directory's views, for a parent (two schools) and a teacher, at a phone's and a desktop's width:
 * no WCAG 2.1 AA violation found by axe, nothing wider than the screen, and a screenshot to look at.
 */
// Journeys of several pages and sign-ins: patient on a shared, loaded machine.
describe.skipIf(!isChromiumAvailable)('accessibility of the directory', { timeout: 60_000 }, () => {
  let server: TestServer
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    server = await startTestServer()
    context = await launchBrowser()
    page = await context.newPage()
  })

  afterAll(async () => {
    await context?.close()
    await server?.close()
  })

  const check = (name: string) => checkPage(page, name)

  const count = () => page.getByRole('status').filter({ hasText: /personne/ })

  for (const [device, viewport] of Object.entries(VIEWPORTS)) {
    describe(`on a ${device} (${viewport.width} px)`, () => {
      beforeAll(async () => {
        await page.setViewportSize(viewport)
      })

      it('a parent: the people they may reach, a search with no result, their groups', async () => {
        await context.clearCookies()
        await signInThroughApi(context, server.baseUrl, showcaseLogin(server.demo, 'Parent'))
        await page.goto(`${server.baseUrl}/annuaire`)
        await count().waitFor()
        await check(`directory-parent-${device}`)

        await page.getByRole('searchbox', { name: 'Rechercher une personne' }).fill('zzz')
        await page.getByText('Aucune personne ne correspond.').waitFor()
        await check(`directory-nobody-${device}`)

        await page.getByRole('tab', { name: 'Groupes' }).click()
        await page.getByRole('tabpanel', { name: 'Groupes' }).waitFor()
        await page.locator('.loading-state').waitFor({ state: 'detached' })
        await check(`directory-parent-groups-${device}`)
      })

      it('a teacher: the school, the groups, and the families of the class', async () => {
        await context.clearCookies()
        await signInThroughApi(context, server.baseUrl, showcaseLogin(server.demo, 'Enseignant'))
        await page.goto(`${server.baseUrl}/annuaire`)
        await count().filter({ hasText: 'personnes affichées sur' }).waitFor()
        await check(`directory-teacher-${device}`)

        await page.getByRole('tab', { name: 'Groupes' }).click()
        await page
          .getByRole('tabpanel', { name: 'Groupes' })
          .getByText(/^Élèves de /)
          .first()
          .waitFor()
        await check(`directory-teacher-groups-${device}`)

        await page.getByRole('tab', { name: 'Ma classe' }).click()
        await page.getByRole('heading', { level: 2, name: /les élèves et leurs parents/ }).waitFor()
        await check(`directory-class-${device}`)
      })
    })
  }
})

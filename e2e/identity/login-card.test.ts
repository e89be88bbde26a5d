import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest'
import { generateLoginCards, setLoginCardsEnabled } from '../../src/server/modules/accounts/login-cards.ts'
import type { SchoolScope } from '../../src/server/plugins/tenancy.ts'
import { openSchoolScopeForTest } from '../../src/server/testing/school-scope.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { expect } from '../fixtures/expect.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'

// Journeys of several pages and sign-ins: patient on a shared, loaded machine.
describe.skipIf(!isChromiumAvailable)('signing in with a class login card', { timeout: 60_000 }, () => {
  let server: TestServer
  let context: BrowserContext
  let page: Page
  let card: { token: string; firstName: string }
  let scope: SchoolScope
  let classId: string

  beforeAll(async () => {
    server = await startTestServer()
    // The teacher of a maternelle class printed the cards and turned them on.
    const maternelle = server.demo.schools.find((school) => school.kind === 'maternelle')!
    classId = server.demo.classes.find((c) => c.schoolId === maternelle.id)!.id
    scope = openSchoolScopeForTest(server.db, maternelle.id)
    await setLoginCardsEnabled(scope, classId, true)
    const [first] = await generateLoginCards(scope, classId)
    card = first!
    context = await launchBrowser({ viewport: { width: 390, height: 844 } })
    page = await context.newPage()
  })

  afterAll(async () => {
    await context?.close()
    await server?.close()
  })

  beforeEach(async () => {
    await context.clearCookies()
  })

  it('opens the pupil’s portal at once from the card’s QR code', async () => {
    await page.goto(`${server.baseUrl}/carte#jeton=${card.token}`)
    await page.getByRole('heading', { level: 1, name: `Bonjour, ${card.firstName}` }).waitFor()
    await page.waitForURL((url) => url.pathname === '/')
  })

  it('says simply what to do when the teacher has paused the cards', async () => {
    await setLoginCardsEnabled(scope, classId, false)
    await page.goto(`${server.baseUrl}/carte#jeton=${card.token}`)
    await page.getByRole('heading', { level: 1, name: 'Oups, ta carte ne marche pas.' }).waitFor()
    await expect(page.getByText('Demande à ta maîtresse ou à ton maître.')).toBeVisible()
    await page.getByRole('link', { name: 'Se connecter avec un identifiant' }).click()
    await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor()
  })
})

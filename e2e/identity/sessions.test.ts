import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { type ParentView, parentView, showcaseLogin } from '../fixtures/demo.ts'
import { expect } from '../fixtures/expect.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'
import { signInThroughApi } from '../fixtures/session.ts'

// Journeys of several pages and sign-ins: patient on a shared, loaded machine.
describe.skipIf(!isChromiumAvailable)('my account and my sessions', { timeout: 60_000 }, () => {
  let server: TestServer
  let login: string
  let parent: ParentView
  let here: BrowserContext
  let elsewhere: BrowserContext
  let page: Page
  let other: Page

  beforeAll(async () => {
    server = await startTestServer()
    login = showcaseLogin(server.demo, 'Parent')
    parent = parentView(server.demo, login)
    // Two browsers, as two devices: each its own cookies, hence its own session.
    here = await launchBrowser({ viewport: { width: 390, height: 844 } })
    elsewhere = await launchBrowser({ viewport: { width: 1280, height: 800 } })
    await signInThroughApi(here, server.baseUrl, login)
    page = await here.newPage()
    other = await elsewhere.newPage()
  })

  afterAll(async () => {
    await here?.close()
    await elsewhere?.close()
    await server?.close()
  })

  const sessions = () => page.getByRole('region', { name: 'Mes sessions' }).getByRole('listitem')

  it('is opened from the account menu and shows my name and login', async () => {
    await page.goto(`${server.baseUrl}/`)
    await page.getByRole('button', { name: `Mon compte : ${parent.displayName}` }).click()
    await page.getByRole('menuitem', { name: 'Mon compte' }).click()
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor()
    await page.waitForURL((url) => url.pathname === '/mon-compte')
    const identity = page.getByRole('region', { name: 'Mon identité' })
    await identity.getByText(login, { exact: true }).waitFor()
    await expect(identity.getByText(parent.displayName, { exact: true })).toBeVisible()
    const security = page.getByRole('region', { name: 'Vérification en deux étapes' })
    await security.getByText('Non activée').waitFor()
    await expect(
      security.getByRole('button', { name: 'Activer la vérification en deux étapes' }),
    ).toBeVisible()
  })

  it('lists this device, and closes the session of another one, which must sign in again', async () => {
    await signInThroughApi(elsewhere, server.baseUrl, login)
    await other.goto(`${server.baseUrl}/`)
    await other.getByRole('heading', { level: 1, name: `Bonjour, ${parent.firstName}` }).waitFor()

    await page.goto(`${server.baseUrl}/mon-compte`)
    await sessions().nth(1).waitFor()
    await expect(sessions()).toHaveCount(2)
    const current = sessions().filter({ hasText: 'Cet appareil' })
    await expect(current).toHaveCount(1)
    await expect(current).toContainText('Chrome sur Linux')
    await expect(current).toContainText(/Dernière activité\s:\s(à l’instant|il y a \d+ minutes?)/)
    await expect(current.getByRole('button')).toHaveCount(0)

    const another = sessions().filter({ hasNotText: 'Cet appareil' })
    await another.getByRole('button', { name: 'Fermer la session Chrome sur Linux' }).click()
    await page.getByRole('status').filter({ hasText: 'Session Chrome sur Linux fermée.' }).waitFor()
    await expect(sessions()).toHaveCount(1)

    // The other device learns it at its next page: back to the sign-in page.
    const school = parent.schools[0]!
    await other.getByRole('region', { name: 'Mes écoles' }).getByRole('link', { name: school.name }).click()
    await other.getByText('Connectez-vous pour continuer.').waitFor()
    await other.waitForURL((url) => url.pathname === '/connexion')
  })

  it('closes every other session after a confirmation', async () => {
    await signInThroughApi(elsewhere, server.baseUrl, login)
    await page.goto(`${server.baseUrl}/mon-compte`)
    await sessions().nth(1).waitFor()

    await page.getByRole('button', { name: 'Fermer toutes les autres sessions' }).click()
    const dialog = page.getByRole('alertdialog', { name: 'Fermer toutes les autres sessions ?' })
    await dialog.waitFor()
    await expect(dialog).toContainText('L’autre appareil sera déconnecté. Celui-ci reste connecté.')
    // Escape cancels: nothing is closed.
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await expect(sessions()).toHaveCount(2)

    await page.getByRole('button', { name: 'Fermer toutes les autres sessions' }).click()
    await dialog.getByRole('button', { name: 'Fermer les autres sessions' }).click()
    await page.getByRole('status').filter({ hasText: 'Les autres sessions sont fermées.' }).waitFor()
    await expect(sessions()).toHaveCount(1)
    await expect(page.getByText('Votre compte n’est ouvert sur aucun autre appareil.')).toBeVisible()
    const me = await elsewhere.request.get(`${server.baseUrl}/api/me`)
    expect(me.status()).toBe(401)
  })
})

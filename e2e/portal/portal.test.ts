import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { type ParentView, parentView, showcaseLogin } from '../fixtures/demo.ts'
import { expect } from '../fixtures/expect.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'
import { signInThroughApi } from '../fixtures/session.ts'

describe.skipIf(!isChromiumAvailable)('portal', () => {
  let server: TestServer
  let context: BrowserContext
  let page: Page
  let parent: ParentView

  beforeAll(async () => {
    server = await startTestServer()
    const login = showcaseLogin(server.demo, 'Parent')
    parent = parentView(server.demo, login)
    context = await launchBrowser({ viewport: { width: 390, height: 844 } })
    await signInThroughApi(context, server.baseUrl, login)
    page = await context.newPage()
  })

  afterAll(async () => {
    await context?.close()
    await server?.close()
  })

  const htmlLang = () => page.evaluate(() => document.documentElement.lang)

  it('lists the ready applications as links and the others as coming soon', async () => {
    await page.goto(`${server.baseUrl}/`)
    const apps = page.getByRole('region', { name: 'Mes applications' })
    await apps.waitFor()
    await expect(apps.getByRole('link', { name: 'Mes écoles' })).toHaveAttribute('href', '/ecoles')
    const soon = apps.getByRole('list').nth(1)
    await expect(apps.getByRole('heading', { name: 'Bientôt disponibles' })).toBeVisible()
    await expect(soon.getByText('Carnet de liaison')).toBeVisible()
    await expect(soon.getByRole('link')).toHaveCount(0)
  })

  it('opens an application from the header menu, with the page focused on its heading', async () => {
    await page.goto(`${server.baseUrl}/`)
    await page.getByRole('button', { name: 'Applications' }).click()
    await page.getByRole('menuitem', { name: 'Mes écoles' }).click()
    const heading = page.getByRole('heading', { level: 1, name: 'Mes écoles' })
    await heading.waitFor()
    await expect(page).toHaveURL('/ecoles')
    await expect.poll(() => page.title()).toBe('Mes écoles – Préau')
    await expect(heading).toBeFocused()
    for (const school of parent.schools) {
      await expect(page.getByRole('heading', { level: 2, name: school.name })).toBeVisible()
    }
  })

  it('switches the interface to English and back, with <html lang> and the title following', async () => {
    await page.goto(`${server.baseUrl}/`)
    await page.getByRole('heading', { level: 1, name: `Bonjour, ${parent.firstName}` }).waitFor()
    await expect.poll(() => htmlLang()).toBe('fr')

    await page.getByRole('button', { name: /^Mon compte/ }).click()
    await page.getByRole('menuitemradio', { name: 'English' }).click()
    await page.getByRole('heading', { level: 1, name: `Hello, ${parent.firstName}` }).waitFor()
    await expect.poll(() => htmlLang()).toBe('en')
    await expect.poll(() => page.title()).toBe('Home – Préau')
    await expect(page.getByRole('region', { name: 'My schools' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Skip to content' })).toHaveCount(1)

    // The choice is kept on this device.
    await page.reload()
    await page.getByRole('heading', { level: 1, name: `Hello, ${parent.firstName}` }).waitFor()
    await expect.poll(() => htmlLang()).toBe('en')

    await page.getByRole('button', { name: /^My account/ }).click()
    await expect(page.getByRole('menuitemradio', { name: 'English' })).toHaveAttribute('aria-checked', 'true')
    await page.getByRole('menuitemradio', { name: 'Français' }).click()
    await page.getByRole('heading', { level: 1, name: `Bonjour, ${parent.firstName}` }).waitFor()
    await expect.poll(() => htmlLang()).toBe('fr')
  })

  it('offers English on the sign-in page too', async () => {
    const guest = await context.newPage()
    await guest.context().clearCookies()
    await guest.goto(`${server.baseUrl}/connexion`)
    await guest.getByRole('button', { name: 'Read in English' }).click()
    await guest.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
    await expect.poll(() => guest.evaluate(() => document.documentElement.lang)).toBe('en')
    await expect(guest.getByRole('textbox', { name: 'Username' })).toBeVisible()
    await guest.getByRole('button', { name: 'Lire en français' }).click()
    await guest.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor()
    await guest.close()
  })
})

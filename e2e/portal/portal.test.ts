import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { type ParentView, parentView, showcaseLogin } from '../fixtures/demo.ts'
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
    expect(await apps.getByRole('link', { name: 'Mes écoles' }).getAttribute('href')).toBe('/ecoles')
    const soon = apps.getByRole('list').nth(1)
    expect(await apps.getByRole('heading', { name: 'Bientôt disponibles' }).isVisible()).toBe(true)
    expect(await soon.getByText('Carnet de liaison').isVisible()).toBe(true)
    expect(await soon.getByRole('link').count()).toBe(0)
  })

  it('opens an application from the header menu, with the page focused on its heading', async () => {
    await page.goto(`${server.baseUrl}/`)
    await page.getByRole('button', { name: 'Applications' }).click()
    await page.getByRole('menuitem', { name: 'Mes écoles' }).click()
    const heading = page.getByRole('heading', { level: 1, name: 'Mes écoles' })
    await heading.waitFor()
    expect(new URL(page.url()).pathname).toBe('/ecoles')
    expect(await page.title()).toBe('Mes écoles – Préau')
    expect(await heading.evaluate((h1) => h1 === document.activeElement)).toBe(true)
    for (const school of parent.schools) {
      expect(await page.getByRole('heading', { level: 2, name: school.name }).isVisible()).toBe(true)
    }
  })

  it('switches the interface to English and back, with <html lang> and the title following', async () => {
    await page.goto(`${server.baseUrl}/`)
    await page.getByRole('heading', { level: 1, name: `Bonjour, ${parent.firstName}` }).waitFor()
    expect(await htmlLang()).toBe('fr')

    await page.getByRole('button', { name: /^Mon compte/ }).click()
    await page.getByRole('menuitemradio', { name: 'English' }).click()
    await page.getByRole('heading', { level: 1, name: `Hello, ${parent.firstName}` }).waitFor()
    expect(await htmlLang()).toBe('en')
    expect(await page.title()).toBe('Home – Préau')
    expect(await page.getByRole('region', { name: 'My schools' }).isVisible()).toBe(true)
    expect(await page.getByRole('link', { name: 'Skip to content' }).count()).toBe(1)

    // The choice is kept on this device.
    await page.reload()
    await page.getByRole('heading', { level: 1, name: `Hello, ${parent.firstName}` }).waitFor()
    expect(await htmlLang()).toBe('en')

    await page.getByRole('button', { name: /^My account/ }).click()
    expect(await page.getByRole('menuitemradio', { name: 'English' }).getAttribute('aria-checked')).toBe(
      'true',
    )
    await page.getByRole('menuitemradio', { name: 'Français' }).click()
    await page.getByRole('heading', { level: 1, name: `Bonjour, ${parent.firstName}` }).waitFor()
    expect(await htmlLang()).toBe('fr')
  })

  it('offers English on the sign-in page too', async () => {
    const guest = await context.newPage()
    await guest.context().clearCookies()
    await guest.goto(`${server.baseUrl}/connexion`)
    await guest.getByRole('button', { name: 'Read in English' }).click()
    await guest.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
    expect(await guest.evaluate(() => document.documentElement.lang)).toBe('en')
    expect(await guest.getByRole('textbox', { name: 'Username' }).isVisible()).toBe(true)
    await guest.getByRole('button', { name: 'Lire en français' }).click()
    await guest.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor()
    await guest.close()
  })
})

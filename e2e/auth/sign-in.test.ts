import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { DEMO_PASSWORD, type ParentView, parentView, showcaseLogin } from '../fixtures/demo.ts'
import { expect } from '../fixtures/expect.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'
import { focusedElement, focusIndicator, signInThroughApi } from '../fixtures/session.ts'

describe.skipIf(!isChromiumAvailable)('signing in and out', () => {
  let server: TestServer
  let context: BrowserContext
  let page: Page
  let login: string
  let parent: ParentView

  beforeAll(async () => {
    server = await startTestServer()
    login = showcaseLogin(server.demo, 'Parent')
    parent = parentView(server.demo, login)
    context = await launchBrowser({ viewport: { width: 390, height: 844 } })
    page = await context.newPage()
  })

  afterAll(async () => {
    await context?.close()
    await server?.close()
  })

  // Each journey starts signed out.
  beforeEach(async () => {
    await context.clearCookies()
  })

  const loginField = () => page.getByRole('textbox', { name: 'Identifiant' })
  const passwordField = () => page.getByLabel('Mot de passe', { exact: true })
  const submit = () => page.getByRole('button', { name: 'Se connecter' })

  it('sends a signed-out visitor to the sign-in page', async () => {
    await page.goto(`${server.baseUrl}/`)
    await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor()
    await expect(page).toHaveURL('/connexion')
    await expect.poll(() => page.title()).toBe('Connexion – Préau')
  })

  it('refuses a wrong password in French, keeps the login typed and empties the password', async () => {
    await page.goto(`${server.baseUrl}/connexion`)
    await loginField().fill(login)
    await passwordField().fill('pas-le-bon')
    await submit().click()

    const alert = page.getByRole('alert')
    await alert.waitFor()
    await expect(alert).toContainText('Identifiant ou mot de passe incorrect.')
    await expect(loginField()).toHaveValue(login)
    await expect(passwordField()).toHaveValue('')
    await expect(passwordField()).toBeFocused()
  })

  it('explains empty fields next to them, in French, linked to the field', async () => {
    await page.goto(`${server.baseUrl}/connexion`)
    await submit().click()
    const error = page.getByText('Saisissez votre identifiant.')
    await error.waitFor()
    await expect(loginField()).toHaveAttribute('aria-invalid', 'true')
    const describedBy = (await loginField().getAttribute('aria-describedby')) ?? ''
    const errorId = await error.evaluate((node) => node.closest('[id]')?.id ?? '')
    expect(describedBy.split(' ')).toContain(errorId)
    await expect(loginField()).toBeFocused()
  })

  it('lets a parent sign in with the form, see their schools and children’s classes, and open a school', async () => {
    await page.goto(`${server.baseUrl}/connexion`)
    await loginField().fill(login)
    await passwordField().fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Afficher le mot de passe' }).click()
    await expect(passwordField()).toHaveAttribute('type', 'text')
    await submit().click()

    await page.getByRole('heading', { level: 1, name: `Bonjour, ${parent.firstName}` }).waitFor()
    await expect(page).toHaveURL('/')
    await expect.poll(() => page.title()).toBe('Accueil – Préau')
    expect(parent.schools.length).toBeGreaterThan(0)
    const schools = page.getByRole('region', { name: 'Mes écoles' })
    for (const school of parent.schools) {
      const card = schools
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: school.name }) })
      await expect(card).toContainText('Vous y êtes : Parent')
      for (const className of school.classNames) {
        await expect(card.getByText(className, { exact: true })).toHaveCount(1)
      }
    }

    const [first] = parent.schools
    await schools.getByRole('link', { name: first!.name }).click()
    await page.getByRole('heading', { level: 1, name: first!.name }).waitFor()
    await expect(page).toHaveURL(`/ecoles/${first!.id}`)
    const classes = page.getByRole('region', { name: 'Classes de vos enfants' })
    for (const className of first!.classNames) {
      await expect(classes.getByText(className, { exact: true })).toHaveCount(1)
    }
  })

  it('brings a visitor back to the page they wanted once signed in', async () => {
    const school = parent.schools[0]!
    await page.goto(`${server.baseUrl}/ecoles/${school.id}`)
    await page.getByText('Connectez-vous pour continuer.').waitFor()
    await loginField().fill(login)
    await passwordField().fill(DEMO_PASSWORD)
    await passwordField().press('Enter')
    await page.getByRole('heading', { level: 1, name: school.name }).waitFor()
    await expect(page).toHaveURL(`/ecoles/${school.id}`)
  })

  it('sends back to sign-in when the session ends meanwhile, then returns to the page asked for', async () => {
    const school = parent.schools[0]!
    await signInThroughApi(context, server.baseUrl, login)
    await page.goto(`${server.baseUrl}/ecoles`)
    await page.getByRole('heading', { level: 1, name: 'Mes écoles' }).waitFor()
    // The session (and the CSRF cookie) disappear, as when a session expires or is revoked elsewhere.
    await context.clearCookies()
    await page.getByRole('link', { name: school.name }).click()

    await page.getByText('Connectez-vous pour continuer.').waitFor()
    // The address a client-side navigation set reaches Playwright a little after the page is drawn.
    await page.waitForURL((address) => address.pathname === '/connexion')
    const url = new URL(page.url())
    expect(url.searchParams.get('retour')).toBe(`/ecoles/${school.id}`)
    await loginField().fill(login)
    await passwordField().fill(DEMO_PASSWORD)
    await submit().click()
    await page.getByRole('heading', { level: 1, name: school.name }).waitFor()
    await expect(page).toHaveURL(`/ecoles/${school.id}`)
  })

  it('signs out from the account menu: back to the sign-in page, and the session is closed', async () => {
    await signInThroughApi(context, server.baseUrl, login)
    await page.goto(`${server.baseUrl}/`)
    await page.getByRole('button', { name: `Mon compte : ${parent.displayName}` }).click()
    await page.getByRole('menuitem', { name: 'Se déconnecter' }).click()

    await page.getByText('Vous êtes déconnecté·e. À bientôt !').waitFor()
    await expect(page).toHaveURL('/connexion')
    const me = await context.request.get(`${server.baseUrl}/api/me`)
    expect(me.status()).toBe(401)
    await page.goBack()
    await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor()
  })

  it('can be done with the keyboard alone, in reading order, with the focus always visible', async () => {
    await page.goto(`${server.baseUrl}/connexion`)
    await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor()
    const steps: string[] = []
    const tab = async () => {
      await page.keyboard.press('Tab')
      steps.push(await focusedElement(page))
      await expect
        .poll(() => focusIndicator(page), { message: `focus visible on ${steps.at(-1)}` })
        .not.toBe('')
    }
    await tab()
    await page.keyboard.type(login)
    await tab()
    await page.keyboard.type(DEMO_PASSWORD)
    await tab()
    await tab()
    expect(steps).toEqual([
      'input:Identifiant',
      'input:Mot de passe',
      'button:Afficher le mot de passe',
      'button:Se connecter',
    ])
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: `Bonjour, ${parent.firstName}` }).waitFor()

    // On a fresh page load the first Tab reaches the skip link, which leads into the main content.
    await page.reload()
    await page.getByRole('heading', { level: 1, name: `Bonjour, ${parent.firstName}` }).waitFor()
    await page.keyboard.press('Tab')
    await expect.poll(() => focusedElement(page)).toBe('a:Aller au contenu')
    await expect.poll(() => focusIndicator(page)).not.toBe('')
    await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeVisible()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('contenu')
    // The banners of the parent's schools open the content: their « Masquer » come first.
    await page.keyboard.press('Tab')
    await expect.poll(() => focusedElement(page)).toMatch(/^button:Masquer le message : /)
    for (let banners = 0; banners < 5; banners++) {
      if (!(await focusedElement(page)).startsWith('button:Masquer le message : ')) break
      await page.keyboard.press('Tab')
    }
    // Then the content itself: « Quoi de neuf » and the applications, links inside the main region.
    await expect.poll(() => focusedElement(page)).toMatch(/^a:/)
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true)
  })
})

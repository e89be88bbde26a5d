import { statSync } from 'node:fs'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { accessibilityViolations } from '../fixtures/axe.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { type ParentView, parentView, showcaseLogin } from '../fixtures/demo.ts'
import { expect } from '../fixtures/expect.ts'
import { VIEWPORTS } from '../fixtures/page-checks.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'
import { signInThroughApi } from '../fixtures/session.ts'

/**
 * Every screen of the first slice, at a phone's and a desktop's width: no WCAG 2.1 AA violation found
 * by axe, nothing wider than the screen, and a screenshot to look at.
 */
describe.skipIf(!isChromiumAvailable)('accessibility of every page', () => {
  let server: TestServer
  let context: BrowserContext
  let page: Page
  let parent: ParentView

  beforeAll(async () => {
    server = await startTestServer()
    parent = parentView(server.demo, showcaseLogin(server.demo, 'Parent'))
    context = await launchBrowser()
    page = await context.newPage()
  })

  afterAll(async () => {
    await context?.close()
    await server?.close()
  })

  /** Each page but the sign-in one is the parent's: a fresh session, so any check runs alone. */
  const signInParent = async () => {
    await context.clearCookies()
    await signInThroughApi(context, server.baseUrl, showcaseLogin(server.demo, 'Parent'))
  }

  const hasNoHorizontalScroll = () =>
    page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)

  for (const [device, viewport] of Object.entries(VIEWPORTS)) {
    describe(`on a ${device} (${viewport.width} px)`, () => {
      beforeAll(async () => {
        await context.clearCookies()
        await page.setViewportSize(viewport)
      })

      it('sign-in page, empty and with an error', async () => {
        await context.clearCookies()
        await page.goto(`${server.baseUrl}/connexion`)
        await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor()
        expect(await accessibilityViolations(page)).toEqual([])
        await expect.poll(() => hasNoHorizontalScroll()).toBe(true)
        await saveScreenshot(page, `sign-in-${device}`)

        await page.getByRole('textbox', { name: 'Identifiant' }).fill('personne.inconnue')
        await page.getByLabel('Mot de passe', { exact: true }).fill('faux')
        await page.getByRole('button', { name: 'Se connecter' }).click()
        await page.getByRole('alert').waitFor()
        expect(await accessibilityViolations(page)).toEqual([])
        await saveScreenshot(page, `sign-in-error-${device}`)
      })

      it('portal', async () => {
        await signInParent()
        await page.goto(`${server.baseUrl}/`)
        await page.getByRole('heading', { level: 1, name: `Bonjour, ${parent.firstName}` }).waitFor()
        expect(await accessibilityViolations(page)).toEqual([])
        await expect.poll(() => hasNoHorizontalScroll()).toBe(true)
        const file = await saveScreenshot(page, `portal-${device}`)
        expect(statSync(file).size).toBeGreaterThan(10_000)
      })

      it('portal with the account menu open', async () => {
        await signInParent()
        await page.goto(`${server.baseUrl}/`)
        await page.getByRole('heading', { level: 1, name: `Bonjour, ${parent.firstName}` }).waitFor()
        await page.getByRole('button', { name: /^Mon compte/ }).click()
        await page.getByRole('menu').waitFor()
        expect(await accessibilityViolations(page)).toEqual([])
        await saveScreenshot(page, `account-menu-${device}`)
        await page.keyboard.press('Escape')
        await page.getByRole('menu').waitFor({ state: 'detached' })
      })

      it('school page', async () => {
        await signInParent()
        const school = parent.schools[0]!
        await page.goto(`${server.baseUrl}/ecoles/${school.id}`)
        await page.getByRole('heading', { level: 1, name: school.name }).waitFor()
        expect(await accessibilityViolations(page)).toEqual([])
        await expect.poll(() => hasNoHorizontalScroll()).toBe(true)
        await saveScreenshot(page, `school-${device}`)
      })

      it('list of schools', async () => {
        await signInParent()
        await page.goto(`${server.baseUrl}/ecoles`)
        await page.getByRole('heading', { level: 1, name: 'Mes écoles' }).waitFor()
        expect(await accessibilityViolations(page)).toEqual([])
        await saveScreenshot(page, `schools-${device}`)
      })

      it('school the user cannot see', async () => {
        await signInParent()
        const other = server.demo.schools.find((s) => !parent.schools.some((mine) => mine.id === s.id))!
        await page.goto(`${server.baseUrl}/ecoles/${other.id}`)
        await page.getByRole('heading', { level: 1, name: 'École introuvable' }).waitFor()
        expect(await accessibilityViolations(page)).toEqual([])
        await saveScreenshot(page, `school-not-found-${device}`)
      })

      it('unknown address', async () => {
        await page.goto(`${server.baseUrl}/nulle-part`)
        await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor()
        await expect.poll(() => page.title()).toBe('Page introuvable – Préau')
        expect(await accessibilityViolations(page)).toEqual([])
        await saveScreenshot(page, `not-found-${device}`)
      })
    })
  }
})

import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { demoUserId, signInAs } from '../fixtures/admin-session.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { showcaseLogin } from '../fixtures/demo.ts'
import { expect } from '../fixtures/expect.ts'
import { checkAtBothWidths } from '../fixtures/page-checks.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'

const BANNER = 'Photo de classe mardi : pensez aux autorisations.'

/**
 * A director posts a banner for the parents of her school from its administration; a parent of the
 * school finds it at the top of the page, hides it, and it stays hidden after a reload.
 */
describe.skipIf(!isChromiumAvailable)('flash messages', { timeout: 120_000 }, () => {
  let server: TestServer
  let director: BrowserContext
  let parent: BrowserContext
  let schoolId: string
  let parentId: string

  beforeAll(async () => {
    server = await startTestServer()
    const { demo } = server
    const directorId = demoUserId(demo, showcaseLogin(demo, 'Directeur·rice'))
    schoolId = demo.memberships.find(
      (m) => m.userId === directorId && m.functions.includes('director'),
    )!.schoolId
    const waiting = new Set(demo.awaitingActivation)
    parentId = demo.memberships.find(
      (m) => m.schoolId === schoolId && m.profile === 'parent' && !waiting.has(m.userId),
    )!.userId
    director = await launchBrowser({ viewport: { width: 390, height: 844 } })
    await signInAs(director, server.baseUrl, server.db, directorId)
    parent = await launchBrowser({ viewport: { width: 390, height: 844 } })
    await signInAs(parent, server.baseUrl, server.db, parentId)
  })

  afterAll(async () => {
    await director?.close()
    await parent?.close()
    await server?.close()
  })

  const watch = (page: Page) => {
    page.on('pageerror', (error) => console.warn('PAGEERROR', error.message))
    return page
  }

  it('lets a director post a banner for the parents of her school', async () => {
    const page = watch(await director.newPage())
    await page.goto(`${server.baseUrl}/ecoles/${schoolId}/administration/messages-flash`)
    await page.getByRole('heading', { level: 1, name: 'Messages flash' }).waitFor()
    await checkAtBothWidths(page, 'flash-messages-admin')
    const text = page.getByRole('textbox', { name: 'Message' })
    await text.fill(BANNER)
    // The form is controlled: its state holds the text before it is sent.
    await expect(text).toHaveValue(BANNER)
    await expect(page.getByRole('checkbox', { name: 'Parents' })).toBeChecked()
    await page.getByRole('button', { name: 'Publier le message' }).click()
    // The list shows the message once the server has it (longer than the usual wait on a loaded machine).
    await page.getByRole('listitem').filter({ hasText: BANNER }).waitFor({ timeout: 30_000 })
    await expect(page.getByText('Message publié.')).toBeVisible()
    await checkAtBothWidths(page, 'flash-messages-posted')
  })

  it('shows it to a parent at the top of the page, who hides it for good', async () => {
    const page = watch(await parent.newPage())
    await page.goto(`${server.baseUrl}/`)
    const banners = page.getByRole('region', { name: 'Messages importants' })
    await banners.getByText(BANNER).waitFor({ timeout: 30_000 })
    await checkAtBothWidths(page, 'flash-messages-banner')
    await banners.getByRole('button', { name: `Masquer le message : ${BANNER}` }).click()
    await expect(page.getByText(BANNER)).toHaveCount(0)
    await page.reload()
    await page.getByRole('main').waitFor()
    await expect(page.getByText(BANNER)).toHaveCount(0)
  })
})

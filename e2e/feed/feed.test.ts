import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { demoUserId, signInAs } from '../fixtures/admin-session.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { parentView, showcaseLogin } from '../fixtures/demo.ts'
import { expect } from '../fixtures/expect.ts'
import { checkAtBothWidths, VIEWPORTS } from '../fixtures/page-checks.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'
import { signInThroughApi } from '../fixtures/session.ts'

/** Two browsers, axe at two widths on each screen: on a busy shared machine this takes a while. */
const JOURNEY_TIMEOUT_MS = 120_000

describe.skipIf(!isChromiumAvailable)('« Quoi de neuf », real time and notifications', () => {
  let server: TestServer
  let parentContext: BrowserContext
  let directorContext: BrowserContext
  let parentLogin: string

  beforeAll(async () => {
    server = await startTestServer()
    parentLogin = showcaseLogin(server.demo, 'Parent')
    parentContext = await launchBrowser({ viewport: VIEWPORTS.phone })
    await signInThroughApi(parentContext, server.baseUrl, parentLogin)
    directorContext = await launchBrowser({ viewport: VIEWPORTS.desktop })
    const directorLogin = showcaseLogin(server.demo, 'Directeur')
    await signInAs(directorContext, server.baseUrl, server.db, demoUserId(server.demo, directorLogin))
  })
  afterAll(async () => {
    await parentContext?.close()
    await directorContext?.close()
    await server?.close()
  }, JOURNEY_TIMEOUT_MS)

  it(
    'shows a parent what concerns them on the portal, with unread counts on the applications',
    async () => {
      const page = await parentContext.newPage()
      await page.goto(`${server.baseUrl}/`)
      const whatsNew = page.getByRole('region', { name: /^Quoi de neuf/ })
      // A busy machine loads the page's chunks slowly: wait for the list as long as Playwright does.
      await whatsNew.getByRole('listitem').first().waitFor()
      await expect(whatsNew.getByText('Non lu').first()).toBeVisible()
      const apps = page.getByRole('region', { name: 'Mes applications' })
      await expect.poll(() => apps.getByText(/\d+ nouveautés?/).count()).toBeGreaterThan(0)
      await checkAtBothWidths(page, 'feed-portal')
      await page.close()
    },
    JOURNEY_TIMEOUT_MS,
  )

  it(
    'sends a report to the director, whose portal shows it without reloading',
    async () => {
      const director = await directorContext.newPage()
      await director.goto(`${server.baseUrl}/`)
      const directorNews = director.getByRole('region', { name: /^Quoi de neuf/ })
      await directorNews.getByRole('listitem').first().waitFor()

      // The parent reports the class outing of their child in the director's school, from the whole feed.
      const directorSchool = server.demo.showcase
        .find((s) => s.label.startsWith('Directeur'))!
        .label.split(' — ')[1]
      const school = parentView(server.demo, parentLogin).schools.find((s) => s.name === directorSchool)
      if (!school) throw new Error(`the showcased parent has no child at ${directorSchool}`)
      const title = `${school.classNames[0]} : sortie à la médiathèque vendredi`
      const page = await parentContext.newPage()
      await page.goto(`${server.baseUrl}/quoi-de-neuf`)
      await page.getByRole('heading', { level: 2, name: title }).waitFor()
      await checkAtBothWidths(page, 'feed-page')
      await page.getByRole('link', { name: `Signaler « ${title} » comme inapproprié` }).click()
      await page.getByRole('heading', { level: 1, name: 'Signaler un contenu inapproprié' }).waitFor()
      await checkAtBothWidths(page, 'feed-report')
      await page
        .getByRole('textbox', { name: 'Ce qui ne va pas' })
        .fill('Ce mot ne concerne pas notre classe.')
      await page.getByRole('button', { name: 'Signaler à la direction' }).click()
      await page.getByText('Merci. La direction de l’école est prévenue.').waitFor()

      // The director's page, open since before, shows the report arriving.
      await directorNews.getByRole('link', { name: `Signalement : « ${title} »`, exact: true }).waitFor()
      await expect(directorNews.getByText('Ce mot ne concerne pas notre classe.')).toBeVisible()
      await page.close()
      await director.close()
    },
    JOURNEY_TIMEOUT_MS,
  )

  it(
    'lets a parent choose how often each application e-mails them',
    async () => {
      const page = await parentContext.newPage()
      await page.goto(`${server.baseUrl}/mon-compte`)
      await page.getByRole('link', { name: 'Notifications par e-mail' }).click()
      await page.getByRole('heading', { level: 1, name: 'Notifications par e-mail' }).waitFor()
      const messaging = page.getByRole('combobox', { name: 'Messagerie' })
      await expect(messaging).toHaveValue('immediate')
      await checkAtBothWidths(page, 'notifications-preferences')
      await page.getByRole('combobox', { name: 'Photos' }).selectOption('never')
      await page.getByRole('button', { name: 'Enregistrer' }).click()
      await page.getByText('Vos préférences sont enregistrées.').waitFor()
      await page.reload()
      await page.getByRole('combobox', { name: 'Photos' }).waitFor()
      await expect(page.getByRole('combobox', { name: 'Photos' })).toHaveValue('never')
      await page.close()
    },
    JOURNEY_TIMEOUT_MS,
  )
})

import { readFile } from 'node:fs/promises'
import { strFromU8, unzipSync } from 'fflate'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { demoUserId, signInAs } from '../fixtures/admin-session.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { showcaseLogin } from '../fixtures/demo.ts'
import { expect } from '../fixtures/expect.ts'
import { checkAtBothWidths } from '../fixtures/page-checks.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'

/**
 * Usage statistics and « Mes données »: a director reads their school's dashboard, the syndicate the
 * whole deployment's (charts, their tables, the CSV), and a parent downloads all their data.
 */
describe.skipIf(!isChromiumAvailable)('usage statistics and my data', { timeout: 120_000 }, () => {
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

  const signIn = (label: string) => {
    const login = showcaseLogin(server.demo, label)
    return signInAs(context, server.baseUrl, server.db, demoUserId(server.demo, login))
  }
  // A loaded machine can take longer than the retrying matchers' 10 s to bring a year of figures and the
  // chart library: wait for the dashboard's first section, then assert.
  const dashboardShown = () =>
    page
      .getByRole('heading', { level: 2, name: 'Connexions par jour et par profil' })
      .waitFor({ timeout: 45_000 })
  const chartsDrawn = async () => {
    // Each chart's wrapper (the legends' icons are little SVGs of their own); the library comes late.
    const charts = page.locator('.stats-chart .recharts-wrapper')
    await charts.nth(2).waitFor({ timeout: 45_000 })
    await expect(charts).toHaveCount(3)
  }

  it('shows a director their school’s dashboard, small counts hidden, each chart with its table', async () => {
    await signIn('Directeur·rice')
    await page.goto(`${server.baseUrl}/statistiques`)
    await page.getByRole('heading', { level: 1, name: 'Statistiques d’usage' }).waitFor()
    const area = page.getByRole('combobox', { name: 'Tableau de bord' })
    await expect(area).toContainText('École')
    await dashboardShown()
    await expect(page.getByText('les nombres de 1 à 4 sont remplacés', { exact: false })).toBeVisible()
    await chartsDrawn()
    const connections = page.getByRole('region', { name: 'Connexions par jour et par profil' })
    await connections.getByText('Voir les données en tableau').click()
    await expect(connections.getByRole('table')).toBeVisible()
    await expect(connections.getByRole('cell', { name: 'moins de 5' }).first()).toBeVisible()
    await checkAtBothWidths(page, 'statistics-director')
  })

  it('shows the syndicate the whole deployment and exports it as CSV', async () => {
    await signIn('Administrateur·rice du syndicat')
    await page.goto(`${server.baseUrl}/statistiques`)
    await expect(page.getByRole('combobox', { name: 'Tableau de bord' })).toContainText('Tout le syndicat')
    await page.getByRole('combobox', { name: 'Période' }).selectOption('90')
    await dashboardShown()
    await chartsDrawn()
    await expect(
      page.getByRole('region', { name: 'Activation des comptes par école' }).getByRole('row'),
    ).toHaveCount(server.demo.schools.length + 1)
    await checkAtBothWidths(page, 'statistics-syndicate')

    const downloading = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Télécharger en CSV' }).click()
    const csv = await readFile((await (await downloading).path())!, 'utf8')
    expect(csv).toContain('Jour;Profil;Connexions;Utilisateurs uniques')
    expect(csv).toMatch(/\d{4}-\d{2}-\d{2};Parents;\d+;\d+/)
  })

  it('lets a parent download « Mes données »: progress, then a zip of their data', async () => {
    const login = showcaseLogin(server.demo, 'Parent')
    await signIn('Parent')
    await page.goto(`${server.baseUrl}/mon-compte`)
    await page.getByRole('link', { name: 'Préparer mon archive' }).click()
    await page.getByRole('heading', { level: 1, name: 'Mes données' }).waitFor()
    await checkAtBothWidths(page, 'my-data')
    // The progress bar may come and go between two looks on a fast run: a watcher notes each one shown.
    await page.evaluate(() => {
      const seen = new Set<string>()
      Object.assign(window, { progressSeen: seen })
      new MutationObserver(() => {
        const bar = document.querySelector('progress')
        if (bar?.labels?.[0]?.textContent) seen.add(bar.labels[0].textContent)
      }).observe(document.body, { childList: true, subtree: true, attributes: true })
    })
    await page.getByRole('button', { name: 'Préparer mon archive' }).click()
    const link = page.getByRole('link', { name: 'Télécharger mon archive (zip)' })
    await link.waitFor({ timeout: 45_000 })
    expect(
      await page.evaluate(() => [...(window as unknown as { progressSeen: Set<string> }).progressSeen]),
    ).toEqual(['Préparation de votre archive'])
    await checkAtBothWidths(page, 'my-data-ready')

    const downloading = page.waitForEvent('download')
    await link.click()
    const zip = unzipSync(new Uint8Array(await readFile((await (await downloading).path())!)))
    expect(JSON.parse(strFromU8(zip['compte.json']!)).login).toBe(login)
    const memberships = JSON.parse(strFromU8(zip['donnees/memberships.json']!))
    expect(memberships.length).toBeGreaterThanOrEqual(2)
    expect(Object.keys(zip)).toContain('LISEZ-MOI.txt')
  })

  it('shows the register of processing activities on the public legal page', async () => {
    await context.clearCookies()
    await page.goto(`${server.baseUrl}/`)
    await page.getByRole('link', { name: 'Données personnelles' }).first().click()
    await page.getByRole('heading', { level: 2, name: 'Le registre des traitements' }).waitFor()
    await page.getByRole('heading', { level: 3 }).first().waitFor({ timeout: 30_000 })
    await expect(page.getByRole('heading', { level: 3, name: 'Statistiques d’usage' })).toBeVisible()
    await checkAtBothWidths(page, 'data-protection-register')
  })

  it('gives the syndicate its data-protection desk: register, tonight’s purges, reads of personal data', async () => {
    await signIn('Administrateur·rice du syndicat')
    await page.goto(`${server.baseUrl}/syndicat/donnees`)
    await page.getByRole('heading', { level: 1, name: 'Protection des données' }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'Purges de cette nuit (simulation)' }).waitFor()
    await expect(page.getByRole('heading', { level: 3, name: 'Comptes et accès à l’ENT' })).toBeVisible()
    await checkAtBothWidths(page, 'data-protection-desk')
    await page.getByRole('link', { name: 'Voir les consultations de données personnelles' }).click()
    await page.getByRole('heading', { level: 1, name: 'Consultations de données personnelles' }).waitFor()
    await checkAtBothWidths(page, 'data-protection-reads')
  })
})

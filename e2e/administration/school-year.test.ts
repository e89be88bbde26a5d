import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { addMember, buildUser } from '../../src/server/testing/factories.ts'
import { demoUserId, signInAs } from '../fixtures/admin-session.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { showcaseLogin } from '../fixtures/demo.ts'
import { expect } from '../fixtures/expect.ts'
import { checkPage } from '../fixtures/page-checks.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'

/**
 * The rollover in the syndicate console, on a phone: the preview of the next year (classes archived per
 * school, pupils waiting, whose data goes when), then the opening behind a confirmation. And, on
 * « Mon compte », a person's objection to keeping what they wrote after they leave.
 */
describe.skipIf(!isChromiumAvailable)('school-year rollover', { timeout: 120_000 }, () => {
  let server: TestServer
  let context: BrowserContext
  let page: Page
  let currentStart: number

  beforeAll(async () => {
    server = await startTestServer()
    currentStart = Number(server.demo.schoolYear.label.slice(0, 4))
    // A parent who left their school at the end of May: their data is due for deletion 3 months later.
    const school = server.demo.schools[0]!
    const departed = await buildUser(server.db, { firstName: 'Gaëlle', lastName: 'Vasseur' })
    await addMember(server.db, { schoolId: school.id, userId: departed.id, profile: 'parent' })
    await server.db
      .updateTable('memberships')
      .set({ leftAt: new Date(`${currentStart + 1}-05-31T12:00:00Z`) })
      .where('userId', '=', departed.id)
      .execute()
    context = await launchBrowser({ viewport: { width: 390, height: 844 } })
    const admin = showcaseLogin(server.demo, 'Administrateur·rice du syndicat')
    await signInAs(context, server.baseUrl, server.db, demoUserId(server.demo, admin))
    page = await context.newPage()
  })

  afterAll(async () => {
    await context?.close()
    await server?.close()
  })

  const next = () => `${currentStart + 1}-${currentStart + 2}`
  const heading = (name: string) => page.getByRole('heading', { level: 1, name })

  const openRollover = async () => {
    await page.goto(`${server.baseUrl}/syndicat/annees`)
    await heading('Années scolaires').waitFor()
    await page.getByRole('link', { name: 'Préparer la bascule vers l’année suivante' }).click()
    await heading('Bascule d’année scolaire').waitFor()
  }

  it('previews the opening of the next year from the school years page', async () => {
    await openRollover()
    await page.getByRole('heading', { level: 2, name: `Ouverture de l’année ${next()}` }).waitFor()
    await expect(page.getByText(`${next()}, du 1 septembre ${currentStart + 1}`)).toBeVisible()

    const schools = page.getByRole('table', { name: 'Classes archivées et élèves en attente, par école' })
    for (const school of server.demo.schools) {
      await expect(schools.getByRole('rowheader', { name: new RegExp(school.name) })).toBeVisible()
    }
    const deletions = page.getByRole('table', { name: '1 personne' })
    const row = deletions.getByRole('row', { name: /Gaëlle VASSEUR/ })
    await expect(row.getByText(`31 août ${currentStart + 1}`)).toBeVisible()
    await expect(row.getByText('Compte anonymisé')).toBeVisible()
    await expect(row.getByText('Gardé, sans son nom')).toBeVisible()
    await checkPage(page, 'admin-syndicate-rollover-phone')
  })

  it('opens the next year after a confirmation that says what will happen', async () => {
    await openRollover()
    await page.getByRole('button', { name: `Ouvrir l’année ${next()}` }).click()
    const dialog = page.getByRole('alertdialog', { name: `Ouvrir l’année ${next()} ?` })
    await dialog.waitFor()
    await expect(
      dialog.getByText('la suppression des données de 1 personne partie est programmée.'),
    ).toBeVisible()
    await checkPage(page, 'admin-syndicate-rollover-confirm-phone')
    await dialog.getByRole('button', { name: `Oui, ouvrir ${next()}` }).click()
    await page
      .getByRole('status')
      .getByText(`L’année ${next()} est ouverte : les classes de l’année précédente sont archivées.`)
      .waitFor()
    // The page now prepares the year after, with no class left to archive.
    const after = `${currentStart + 2}-${currentStart + 3}`
    await page.getByRole('heading', { level: 2, name: `Ouverture de l’année ${after}` }).waitFor()
    const current = await server.db
      .selectFrom('schoolYears')
      .select('label')
      .where('isCurrent', '=', true)
      .executeTakeFirstOrThrow()
    expect(current.label).toBe(next())
    const archived = await server.db
      .selectFrom('classes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('archivedAt', 'is', null)
      .executeTakeFirstOrThrow()
    expect(Number(archived.n)).toBe(0)
    await checkPage(page, 'admin-syndicate-rollover-opened-phone')

    // The trail says it in a sentence.
    await page.goto(`${server.baseUrl}/syndicat/journal`)
    await heading('Journal d’audit').waitFor()
    const trail = page.getByRole('list', { name: 'Journal d’audit, du plus récent au plus ancien' })
    await trail
      .getByText(`A ouvert l’année scolaire ${next()} (${server.demo.classes.length} classes archivées).`)
      .waitFor()
  })

  it('lets a parent object, on « Mon compte », to keeping what they wrote', async () => {
    const parentId = demoUserId(server.demo, showcaseLogin(server.demo, 'Parent'))
    await signInAs(context, server.baseUrl, server.db, parentId)
    await page.goto(`${server.baseUrl}/mon-compte`)
    await heading('Mon compte').waitFor()
    const section = page.getByRole('region', { name: 'Après mon départ' })
    await section.getByText('Ce que vous avez écrit sera gardé, sans votre nom.').waitFor()
    const toggle = section.getByRole('switch', { name: 'Supprimer aussi ce que j’ai écrit' })
    await toggle.click({ force: true })
    await section.getByText(/^Vous vous y êtes opposé·e le /).waitFor()
    await expect(toggle).toBeChecked()
    await checkPage(page, 'account-contributions-objection-phone')

    await page.reload()
    await section.getByText(/^Vous vous y êtes opposé·e le /).waitFor()
    const stored = await server.db
      .selectFrom('users')
      .select('contributionsObjectionAt')
      .where('id', '=', parentId)
      .executeTakeFirstOrThrow()
    expect(stored.contributionsObjectionAt).not.toBeNull()
  })
})

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { addMember, buildUser } from '../../src/server/testing/factories.ts'
import { demoUserId, signInAs } from '../fixtures/admin-session.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { showcaseLogin } from '../fixtures/demo.ts'
import { expect } from '../fixtures/expect.ts'
import { checkAtBothWidths, checkPage } from '../fixtures/page-checks.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'

/**
 * « Comptes en double » in the syndicate console: the demo's merge of the parent of two schools is
 * listed; the administrator finds the demo's possible duplicate by name, compares the two accounts side
 * by side, merges them behind a confirmation, then undoes the merge.
 */
describe.skipIf(!isChromiumAvailable)('one person, one account', { timeout: 120_000 }, () => {
  let server: TestServer
  let context: BrowserContext

  beforeAll(async () => {
    server = await startTestServer()
    context = await launchBrowser({ viewport: { width: 390, height: 844 } })
    const admin = showcaseLogin(server.demo, 'Administrateur·rice du syndicat')
    await signInAs(context, server.baseUrl, server.db, demoUserId(server.demo, admin))
  })

  afterAll(async () => {
    await context?.close()
    await server?.close()
  })

  const open = async (): Promise<Page> => {
    const page = await context.newPage()
    await page.goto(`${server.baseUrl}/syndicat/comptes`)
    await page.getByRole('heading', { level: 1, name: 'Comptes en double' }).waitFor()
    return page
  }

  it('lists the demo’s merge of the parent of two schools, undoable', async () => {
    const page = await open()
    const { merged } = server.demo.personMerges!
    const row = page.getByRole('row', { name: new RegExp(merged.mergedLogin) })
    await expect(row.getByText(/Annulable jusqu’au/)).toBeVisible()
    await expect(row.getByRole('button', { name: /Annuler la réunion/ })).toBeVisible()
    await checkAtBothWidths(page, 'admin-person-merge')
    await page.close()
  })

  it('merges the demo’s duplicate parent after comparing, then undoes it', async () => {
    const page = await open()
    const { possibleDuplicate } = server.demo.personMerges!
    const [original, namesake] = possibleDuplicate.logins
    const person = server.demo.users.find((user) => user.login === original)!
    await page
      .getByRole('searchbox', { name: 'Nom de la personne' })
      .fill(`${person.lastName} ${person.firstName}`)
    for (const login of [original, namesake]) {
      await page.getByRole('button', { name: new RegExp(`^Choisir le compte ${login} `) }).click()
    }
    // The comparison loads once both are chosen (a loaded machine may take a while).
    await page.getByRole('heading', { level: 2, name: '2. Comparer et réunir' }).waitFor({ timeout: 30_000 })
    const cards = page.getByRole('article')
    await expect(cards).toHaveCount(2)
    await expect(page.getByText(`Le compte activé reste : « ${original} »`)).toBeVisible()
    await checkAtBothWidths(page, 'admin-person-merge-compare')

    await page.getByRole('button', { name: 'Réunir les deux comptes' }).click()
    const dialog = page.getByRole('alertdialog', { name: 'Réunir ces deux comptes ?' })
    await expect(
      dialog.getByText(`l’identifiant « ${namesake} » ne permet plus de se connecter`, { exact: false }),
    ).toBeVisible()
    await checkPage(page, 'admin-person-merge-confirm-phone')
    await dialog.getByRole('button', { name: 'Oui, réunir' }).click()
    // The dialog closes when the server has answered (a loaded machine may take a while).
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 })
    await expect(
      page.getByText(`Les comptes « ${namesake} » et « ${original} » ne font plus qu’un.`),
    ).toBeVisible()

    const row = page.getByRole('row', { name: new RegExp(namesake) })
    await row
      .getByRole('button', { name: `Annuler la réunion de « ${namesake} » et « ${original} »` })
      .click()
    const undo = page.getByRole('alertdialog', { name: 'Annuler cette réunion ?' })
    await undo.getByRole('button', { name: 'Oui, annuler la réunion' }).click()
    await undo.waitFor({ state: 'hidden', timeout: 30_000 })
    await expect(page.getByText(/les deux comptes sont revenus comme avant/)).toBeVisible()
    await expect(row.getByText(/Annulée le/)).toBeVisible()
    await checkPage(page, 'admin-person-merge-undone-phone')

    // Both accounts are back, each in its own school.
    const schools = await server.db
      .selectFrom('memberships')
      .select(['userId', 'schoolId'])
      .where('userId', 'in', [demoUserId(server.demo, original), demoUserId(server.demo, namesake)])
      .execute()
    expect(new Set(schools.map((s) => s.userId)).size).toBe(2)
    await page.close()
  })

  it('shows the director, in the import report, who is the same person and who a possible duplicate', async () => {
    const { demo, db } = server
    const maternelle = demo.schools.find((school) => school.kind === 'maternelle')!
    const primaire = demo.schools.find((school) => school.kind === 'primaire')!
    // Two guardians of the sample files already have an account in the maternelle: one gave her e-mail.
    const corinne = await buildUser(db, { firstName: 'Corinne', lastName: 'ADJIBEL' })
    await db
      .updateTable('users')
      .set({ email: 'corinne.adjibel@exemple.fr' })
      .where('id', '=', corinne.id)
      .execute()
    await addMember(db, { schoolId: maternelle.id, userId: corinne.id, profile: 'parent' })
    const norbert = await buildUser(db, { firstName: 'Norbert', lastName: 'ALBERT' })
    await addMember(db, { schoolId: maternelle.id, userId: norbert.id, profile: 'parent' })

    const director = demo.memberships.find(
      (m) => m.schoolId === primaire.id && m.functions.includes('director'),
    )!
    const directorContext = await launchBrowser({ viewport: { width: 390, height: 844 } })
    try {
      await signInAs(directorContext, server.baseUrl, db, director.userId)
      const sample = path.join(import.meta.dirname, '../../src/server/modules/imports/parsing/fixtures')
      const file = async (name: string) => ({
        name,
        mimeType: 'text/csv',
        buffer: await readFile(path.join(sample, name)),
      })
      // The guardians file carries Corinne ADJIBEL's e-mail (her first line).
      const guardians = (await readFile(path.join(sample, 'CSVExtraction-responsables.csv'), 'latin1')).split(
        '\n',
      )
      const cells = guardians[1]!.split(';')
      cells[8] = 'corinne.adjibel@exemple.fr'
      guardians[1] = cells.join(';')
      const csrf = await directorContext.request.get(`${server.baseUrl}/api/auth/csrf`)
      const { token } = (await csrf.json()) as { token: string }
      const response = await directorContext.request.post(
        `${server.baseUrl}/api/schools/${primaire.id}/imports`,
        {
          headers: { 'x-csrf-token': token },
          multipart: {
            pupils: await file('CSVExtraction-eleves.csv'),
            guardians: {
              name: 'responsables.csv',
              mimeType: 'text/csv',
              buffer: Buffer.from(guardians.join('\n'), 'latin1'),
            },
            teachers: await file('CSVExtraction-enseignants.csv'),
          },
        },
      )
      expect(response.status(), await response.text()).toBe(201)
      const runId = ((await response.json()) as { id: string }).id
      const page = await directorContext.newPage()
      await page.goto(`${server.baseUrl}/ecoles/${primaire.id}/administration/imports/${runId}`)
      const section = page.getByRole('region', { name: /Personnes déjà connues dans une autre école/ })
      await section.waitFor({ timeout: 60_000 })
      const same = section.getByRole('listitem').filter({ hasText: 'Corinne ADJIBEL' })
      await expect(same.getByText('Même personne', { exact: true })).toBeVisible()
      await expect(same.getByText(new RegExp(`déjà ouvert à ${maternelle.name}`))).toBeVisible()
      const namesake = section.getByRole('listitem').filter({ hasText: 'Norbert ALBERT' })
      await expect(namesake.getByText('Doublon possible', { exact: true })).toBeVisible()
      await checkAtBothWidths(page, 'import-onde-across-schools')
    } finally {
      await directorContext.close()
    }
  })
})

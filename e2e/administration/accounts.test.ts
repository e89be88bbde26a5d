import { readFile } from 'node:fs/promises'
import type { BrowserContext, Download, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { demoUserId, signInAs } from '../fixtures/admin-session.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { showcaseLogin } from '../fixtures/demo.ts'
import { expect } from '../fixtures/expect.ts'
import { checkAtBothWidths } from '../fixtures/page-checks.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'
import { apiFor } from '../fixtures/session.ts'

/** An activation code as the server formats it: 8 characters of the alphabet without look-alikes. */
const CODE = /^[a-hjkmnp-tv-z3-9]{4}-[a-hjkmnp-tv-z3-9]{4}$/

/**
 * Accounts of a school: the teacher resets a pupil's password and prints the class's connection sheets
 * and login cards; the director finds people, opens a person's page and adds a person.
 */
describe.skipIf(!isChromiumAvailable)('accounts of a school', { timeout: 120_000 }, () => {
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

  const heading = (name: string) => page.getByRole('heading', { level: 1, name })
  const notice = (text: string) => page.getByRole('status').getByText(text, { exact: true })
  const bytesOf = async (download: Download) => readFile((await download.path())!)

  describe('the teacher of a class', () => {
    let school: TestServer['demo']['schools'][number]
    let klass: TestServer['demo']['classes'][number]
    let pupil: TestServer['demo']['users'][number]

    beforeAll(async () => {
      const { demo } = server
      const teacherId = demoUserId(demo, showcaseLogin(demo, 'Enseignant·e'))
      const membership = demo.classMembers.find((m) => m.userId === teacherId && m.role === 'teacher')!
      klass = demo.classes.find((c) => c.id === membership.classId)!
      school = demo.schools.find((s) => s.id === klass.schoolId)!
      const pupilId = demo.classMembers.find((m) => m.classId === klass.id && m.role === 'pupil')!.userId
      pupil = demo.users.find((u) => u.id === pupilId)!
      await signInAs(context, server.baseUrl, server.db, teacherId)
    })

    const openClass = async () => {
      await page.goto(`${server.baseUrl}/ecoles/${school.id}/classes/${klass.id}`)
      await heading(`Classe ${klass.name}`).waitFor()
    }

    it('opens their class from the school page', async () => {
      await page.goto(`${server.baseUrl}/ecoles/${school.id}`)
      await heading(school.name).waitFor()
      await page.getByRole('link', { name: `Ma classe : ${klass.name}` }).click()
      await heading(`Classe ${klass.name}`).waitFor()
      await page.getByText(pupil.displayName, { exact: true }).waitFor()
      await checkAtBothWidths(page, 'admin-class')
    })

    it('resets a pupil’s password and sees the new code', async () => {
      await openClass()
      await page.getByRole('button', { name: `Réinitialiser le mot de passe : ${pupil.displayName}` }).click()
      const dialog = page.getByRole('alertdialog', {
        name: `Réinitialiser le mot de passe de l’élève ${pupil.displayName} ?`,
      })
      await dialog.getByRole('button', { name: 'Oui, réinitialiser' }).click()
      const issued = page.getByRole('region', { name: `Nouveau code pour ${pupil.displayName}` })
      await issued.waitFor()
      await expect(issued.getByText(pupil.login, { exact: true })).toBeVisible()
      const code = (await issued.locator('.issued-code__value').nth(1).textContent()) ?? ''
      expect(code).toMatch(CODE)
      await expect(issued.getByRole('button', { name: 'Imprimer cette fiche' })).toBeVisible()
      await checkAtBothWidths(page, 'admin-class-reset')
    })

    it('downloads the class’s connection sheets as a PDF and as a CSV', async () => {
      // A pupil waiting for activation (their password reset) has a line in the table.
      await apiFor(context, server.baseUrl)(
        'POST',
        `/api/schools/${school.id}/users/${pupil.id}/password-reset`,
      )
      await openClass()
      const [pdf] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Fiches des élèves (PDF)' }).click(),
      ])
      expect((await bytesOf(pdf)).subarray(0, 4).toString('latin1')).toBe('%PDF')
      expect(pdf.suggestedFilename()).toMatch(/\.pdf$/)

      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Tableau des codes (CSV)' }).click(),
      ])
      expect((await bytesOf(csv)).toString('utf8')).toContain(pupil.login)
    })

    it('turns the class’s login cards on and prints them', async () => {
      await openClass()
      const cards = page.getByRole('region', { name: 'Cartes de connexion' })
      const toggle = cards.getByRole('switch', { name: 'Connexion par carte autorisée' })
      const wasOn = await toggle.isChecked()
      await cards.getByText('Connexion par carte autorisée').click()
      await notice(
        wasOn
          ? 'La connexion par carte est suspendue dans la classe.'
          : 'La connexion par carte est autorisée dans la classe.',
      ).waitFor()
      await expect.poll(() => toggle.isChecked()).toBe(!wasOn)

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        cards.getByRole('button', { name: 'Imprimer les cartes de la classe' }).click(),
      ])
      expect((await bytesOf(download)).subarray(0, 4).toString('latin1')).toBe('%PDF')
    })
  })

  describe('the director', () => {
    let school: TestServer['demo']['schools'][number]
    let pupil: TestServer['demo']['users'][number]

    beforeAll(async () => {
      const { demo } = server
      const directorId = demoUserId(demo, showcaseLogin(demo, 'Directeur·rice'))
      school = demo.schools.find((s) =>
        demo.memberships.some((m) => m.schoolId === s.id && m.userId === directorId),
      )!
      const pupilId = demo.memberships.find((m) => m.schoolId === school.id && m.profile === 'pupil')!.userId
      pupil = demo.users.find((u) => u.id === pupilId)!
      await signInAs(context, server.baseUrl, server.db, directorId)
    })

    it('finds a pupil among the school’s people and opens their page', async () => {
      await page.goto(`${server.baseUrl}/ecoles/${school.id}/administration/personnes`)
      await heading('Personnes').waitFor()
      await page.getByRole('searchbox', { name: 'Nom ou prénom' }).fill(pupil.firstName)
      const link = page.getByRole('link', { name: pupil.displayName, exact: true })
      await link.waitFor()
      await checkAtBothWidths(page, 'admin-people')
      await link.click()
      await heading(pupil.displayName).waitFor()
      await page.getByRole('heading', { level: 2, name: 'Parents' }).waitFor()
      await checkAtBothWidths(page, 'admin-person')
    })

    it('adds a parent, who gets an activation code at once', async () => {
      await page.goto(`${server.baseUrl}/ecoles/${school.id}/administration/personnes/nouvelle`)
      await heading('Ajouter une personne').waitFor()
      await page.getByRole('radio', { name: 'Parent', exact: true }).check({ force: true })
      await page.getByRole('textbox', { name: 'Prénom' }).fill('Aïcha')
      await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Benali-Durand')
      await page.getByRole('textbox', { name: 'E-mail' }).fill('pas-une-adresse')
      await page.getByRole('button', { name: 'Créer le compte' }).click()
      // Refused at the field, in French (by the browser's check or the server's).
      const email = page.getByRole('textbox', { name: 'E-mail' })
      await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true')
      await email.fill('aicha.benali@example.fr')
      await page.getByRole('searchbox', { name: 'Chercher un élève de l’école' }).fill(pupil.firstName)
      await page.getByRole('button', { name: `Choisir ${pupil.displayName}` }).click()
      await page.getByRole('button', { name: `Enlever ${pupil.displayName}` }).waitFor()
      await checkAtBothWidths(page, 'admin-person-new')
      await page.getByRole('button', { name: 'Créer le compte' }).click()

      const issued = page.getByRole('region', { name: 'Compte créé pour Aïcha BENALI-DURAND' })
      await issued.waitFor()
      const [login, code] = await issued.locator('.issued-code__value').allTextContents()
      // prenom.nom: accents removed, non-letters stripped.
      expect(login).toBe('aicha.benalidurand')
      expect(code).toMatch(CODE)
      await checkAtBothWidths(page, 'admin-person-created')
    })
  })

  describe('an administrator above the school', () => {
    it('resets the second factor of a director from her page, after confirming', async () => {
      const { demo } = server
      const directorId = demoUserId(demo, showcaseLogin(demo, 'Directeur·rice'))
      const director = demo.users.find((u) => u.id === directorId)!
      const school = demo.schools.find((s) =>
        demo.memberships.some((m) => m.schoolId === s.id && m.userId === directorId),
      )!
      // Her app, as if enrolled (the journey of enrolment has its own tests).
      await server.db
        .insertInto('userTotp')
        .values({ userId: directorId, secretEncrypted: 'x', confirmedAt: new Date(), lastUsedStep: null })
        .onConflict((oc) => oc.column('userId').doNothing())
        .execute()
      await signInAs(
        context,
        server.baseUrl,
        server.db,
        demoUserId(demo, showcaseLogin(demo, 'Administrateur·rice du syndicat')),
      )
      await page.goto(`${server.baseUrl}/ecoles/${school.id}/administration/personnes/${directorId}`)
      await heading(director.displayName).waitFor()
      await page.getByRole('button', { name: 'Réinitialiser la double authentification' }).click()
      const dialog = page.getByRole('alertdialog', {
        name: `Réinitialiser la double authentification de ${director.displayName} ?`,
      })
      await dialog.waitFor()
      await dialog.getByRole('button', { name: 'Oui, réinitialiser' }).click()
      await notice(`La double authentification de ${director.displayName} a été réinitialisée.`).waitFor()
      const left = await server.db
        .selectFrom('userTotp')
        .select('userId')
        .where('userId', '=', directorId)
        .execute()
      expect(left).toEqual([])
    })
  })
})

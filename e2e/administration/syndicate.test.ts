import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { luhnCheckDigit, uaiCheckLetter } from '../../src/contract/codes.ts'
import { demoUserId, signInAs } from '../fixtures/admin-session.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { showcaseLogin } from '../fixtures/demo.ts'
import { expect } from '../fixtures/expect.ts'
import { checkAtBothWidths } from '../fixtures/page-checks.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'
import { apiFor } from '../fixtures/session.ts'

const SIREN = `21599950${luhnCheckDigit('21599950')}`
const UAI = `0599904${uaiCheckLetter('0599904')}`
const WRONG_UAI = `0599904${uaiCheckLetter('0599904') === 'A' ? 'B' : 'A'}`
// What the school journey and the audit journey add through the API, each its own.
const SCHOOL_COMMUNE = { siren: `21599960${luhnCheckDigit('21599960')}`, inseeCode: '59996' }
const AUDIT_COMMUNE = { siren: `21599970${luhnCheckDigit('21599970')}`, inseeCode: '59997' }
const AUDIT_UAI = `0599905${uaiCheckLetter('0599905')}`

/**
 * The syndicate's administrator in their console: adds a member commune (a bad SIREN is refused at the
 * field), a school (a UAI with a wrong check letter is refused as it is typed), and names a director.
 */
describe.skipIf(!isChromiumAvailable)('syndicate console', { timeout: 120_000 }, () => {
  let server: TestServer
  let context: BrowserContext
  let page: Page
  let api: ReturnType<typeof apiFor>

  beforeAll(async () => {
    server = await startTestServer()
    context = await launchBrowser({ viewport: { width: 390, height: 844 } })
    const admin = showcaseLogin(server.demo, 'Administrateur·rice du syndicat')
    await signInAs(context, server.baseUrl, server.db, demoUserId(server.demo, admin))
    api = apiFor(context, server.baseUrl)
    page = await context.newPage()
    page.on('pageerror', (error) => console.warn('PAGEERROR', error.message))
    page.on('console', (message) => message.type() === 'error' && console.warn('CONSOLE', message.text()))
  })

  afterAll(async () => {
    await context?.close()
    await server?.close()
  })

  const heading = (name: string) => page.getByRole('heading', { level: 1, name })
  const addCommune = (name: string, commune: { siren: string; inseeCode: string }) =>
    api<{ id: string }>('POST', '/api/admin/collectivities', { kind: 'commune', name, ...commune })
  /** The teachers of the demo's primaire who do not direct it, in the demo's order. */
  const primaireTeachers = () => {
    const school = server.demo.schools.find((s) => s.kind === 'primaire')!
    const directors = new Set(
      server.demo.memberships
        .filter((m) => m.schoolId === school.id && m.functions.includes('director'))
        .map((m) => m.userId),
    )
    const teachers = server.demo.users.filter((user) =>
      server.demo.memberships.some(
        (m) =>
          m.schoolId === school.id &&
          m.userId === user.id &&
          m.profile === 'teacher' &&
          !directors.has(user.id),
      ),
    )
    return { school, teachers }
  }

  it('opens the console from the applications menu', async () => {
    await page.goto(`${server.baseUrl}/`)
    await page.getByRole('button', { name: 'Applications' }).click()
    await page.getByRole('menuitem', { name: 'Collectivités membres' }).click()
    await heading('Collectivités membres').waitFor()
    await expect(page).toHaveURL('/syndicat/membres')
    const sections = page.getByRole('navigation', { name: 'Sections de la console' })
    await expect
      .poll(() => sections.getByRole('link').allTextContents())
      .toEqual([
        'Collectivités',
        'Écoles',
        'Adhésions et déploiement',
        'Finances',
        'Académie',
        'Administrateurs',
        'Années scolaires',
        'Comptes en double',
        'Identité du syndicat',
        'Journal d’audit',
        'Messages flash',
        'Protection des données',
      ])
    for (const collectivity of server.demo.collectivities) {
      await expect(page.getByRole('heading', { level: 3, name: collectivity.name })).toBeVisible()
    }
    await checkAtBothWidths(page, 'admin-syndicate-collectivities')
  })

  it('adds a commune, with the SIREN refused at the field until it is right', async () => {
    await page.goto(`${server.baseUrl}/syndicat/membres`)
    await heading('Collectivités membres').waitFor()
    await page.getByRole('button', { name: 'Ajouter une collectivité' }).click()
    await page.getByRole('heading', { level: 2, name: 'Nouvelle collectivité membre' }).waitFor()
    await page.getByRole('radio', { name: 'Commune', exact: true }).check({ force: true })
    await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Commune de Bellevue-sur-Lys')
    const siren = page.getByRole('textbox', { name: 'SIREN' })
    await siren.fill('215999501')
    await page.getByRole('textbox', { name: 'Code INSEE de la commune' }).fill('59995')
    await page.getByRole('textbox', { name: 'Population' }).fill('3 200')
    await page.getByRole('button', { name: 'Ajouter une collectivité' }).click()

    await expect.poll(() => siren.getAttribute('aria-invalid')).toBe('true')
    const describedBy = (await siren.getAttribute('aria-describedby')) ?? ''
    const description = await page.evaluate(
      (ids) =>
        ids
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      describedBy,
    )
    expect(description).toContain('SIREN invalide')
    await checkAtBothWidths(page, 'admin-syndicate-collectivity-error')

    await siren.fill(SIREN)
    await page.getByRole('button', { name: 'Ajouter une collectivité' }).click()
    await page
      .getByRole('status')
      .getByText('La collectivité « Commune de Bellevue-sur-Lys » a été ajoutée.')
      .waitFor()
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Commune de Bellevue-sur-Lys' }) })
    await expect(card.getByText(SIREN)).toBeVisible()
    await expect(card.getByText('3 200')).toBeVisible()
  })

  it('adds a school: the UAI is checked as it is typed', async () => {
    await addCommune('Commune de Lys-les-Prés', SCHOOL_COMMUNE)
    await page.goto(`${server.baseUrl}/syndicat/membres`)
    await page
      .getByRole('navigation', { name: 'Sections de la console' })
      .getByRole('link', { name: 'Écoles' })
      .click()
    await heading('Écoles').waitFor()
    await page.getByRole('button', { name: 'Ajouter une école' }).click()
    await page
      .getByRole('combobox', { name: 'Collectivité' })
      .first()
      .selectOption({ label: 'Commune de Lys-les-Prés' })
    const uai = page.getByRole('textbox', { name: 'Code UAI' })
    await uai.pressSequentially(WRONG_UAI)
    // Refused at the field, without sending anything.
    await page.getByText(`pour ces 7 chiffres, ce serait « ${UAI.at(-1)} »`).waitFor()
    await expect(uai).toHaveAttribute('aria-invalid', 'true')
    await checkAtBothWidths(page, 'admin-syndicate-school-form')

    await uai.fill(UAI)
    await expect.poll(() => uai.getAttribute('aria-invalid')).toBeNull()
    await page.getByRole('textbox', { name: 'Nom de l’école' }).fill('École élémentaire Les Tilleuls')
    await page.getByRole('radio', { name: 'École élémentaire', exact: true }).check({ force: true })
    await expect(page.getByRole('textbox', { name: 'Code INSEE de la commune' })).toHaveValue(
      SCHOOL_COMMUNE.inseeCode,
    )
    await page.getByRole('button', { name: 'Ajouter une école' }).click()
    await page
      .getByRole('status')
      .getByText('L’école « École élémentaire Les Tilleuls » a été ajoutée.')
      .waitFor()
    await page.getByRole('link', { name: 'École élémentaire Les Tilleuls' }).waitFor()
    await checkAtBothWidths(page, 'admin-syndicate-schools')
  })

  it('names a teacher of a school its director', async () => {
    const { school, teachers } = primaireTeachers()
    const teacher = teachers[0]!
    await page.goto(`${server.baseUrl}/syndicat/ecoles`)
    await page.getByRole('link', { name: school.name }).click()
    await heading(school.name).waitFor()
    const direction = page.getByRole('region', { name: 'Direction' })
    await direction
      .getByRole('combobox', { name: 'Enseignant·e à nommer' })
      .selectOption({ label: teacher.displayName })
    await direction.getByRole('button', { name: 'Nommer directeur·rice' }).click()
    await page.getByRole('status').getByText(`${teacher.displayName} dirige maintenant l’école.`).waitFor()
    await direction.getByRole('button', { name: `Retirer la direction à ${teacher.displayName}` }).waitFor()
    await checkAtBothWidths(page, 'admin-syndicate-school')
  })

  it('shows what was done in the deployment’s audit trail, in plain French', async () => {
    const { id: collectivityId } = await addCommune('Commune de Journal-sur-Lys', AUDIT_COMMUNE)
    await api('POST', '/api/admin/schools', {
      collectivityId,
      uai: AUDIT_UAI,
      name: 'École du Journal',
      kind: 'elementaire',
      inseeCode: AUDIT_COMMUNE.inseeCode,
    })
    const { school, teachers } = primaireTeachers()
    await api('POST', `/api/schools/${school.id}/directors`, { userId: teachers[1]!.id })

    await page.goto(`${server.baseUrl}/syndicat/journal`)
    await heading('Journal d’audit').waitFor()
    // On a phone the trail is a list of cards.
    const trail = page.getByRole('list', { name: 'Journal d’audit, du plus récent au plus ancien' })
    await trail.getByText('A confié la direction de l’école', { exact: false }).first().waitFor()
    await expect(trail.getByText(`A ajouté l’école École du Journal (UAI ${AUDIT_UAI}).`)).toBeVisible()
    await expect(
      trail.getByText(
        `A ajouté la collectivité « Commune de Journal-sur-Lys » (SIREN ${AUDIT_COMMUNE.siren}).`,
      ),
    ).toBeVisible()
    await checkAtBothWidths(page, 'admin-syndicate-audit')
  })

  it('lists the administrators and the school years', async () => {
    await page.goto(`${server.baseUrl}/syndicat/administrateurs`)
    await heading('Administrateurs').waitFor()
    await page.getByRole('table').waitFor()
    await checkAtBothWidths(page, 'admin-syndicate-administrators')
    await page.goto(`${server.baseUrl}/syndicat/annees`)
    await heading('Années scolaires').waitFor()
    await page.getByRole('table').getByText(server.demo.schoolYear.label).waitFor()
    await checkAtBothWidths(page, 'admin-syndicate-years')
  })

  it('shows a collectivity’s administrator their schools only', async () => {
    const { demo } = server
    const adminId = demoUserId(demo, showcaseLogin(demo, 'Administrateur·rice — '))
    const collectivityId = demo.adminRoles.find((r) => r.userId === adminId)!.collectivityId
    await signInAs(context, server.baseUrl, server.db, adminId)
    await page.goto(`${server.baseUrl}/syndicat/membres`)
    await heading('Écoles').waitFor()
    await expect(page).toHaveURL('/syndicat/ecoles')
    // The sections of a collectivity's console: none of the syndicate's own.
    await expect
      .poll(() =>
        page.getByRole('navigation', { name: 'Sections de la console' }).getByRole('link').allTextContents(),
      )
      .toEqual(['Écoles', 'Adhésions et déploiement', 'Comptes en double', 'Messages flash'])
    for (const school of demo.schools) {
      const link = page.getByRole('link', { name: school.name })
      if (school.collectivityId === collectivityId) await link.waitFor()
      else await expect(link).toHaveCount(0)
    }
    await checkAtBothWidths(page, 'admin-collectivity-schools')
  })
})

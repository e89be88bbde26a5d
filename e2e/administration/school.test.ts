import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { demoUserId, signInAs } from '../fixtures/admin-session.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { showcaseLogin } from '../fixtures/demo.ts'
import { expect } from '../fixtures/expect.ts'
import { checkAtBothWidths } from '../fixtures/page-checks.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'
import { apiFor } from '../fixtures/session.ts'

const NEW_CLASS = 'CE2-CM1 B'
const GROUP = 'Parents délégués'
// The rule journey and the audit journey each prepare their own class (through the API).
const RULE_CLASS = 'CM2 Correspondance'
const RULE = `Les élèves de CE1 peuvent écrire aux élèves de ${RULE_CLASS}, et inversement.`
const AUDIT_CLASS = 'CM2 Journal'
const AUDIT_GROUP = 'Parents accompagnateurs'
const AUDIT_RULE = `Les élèves de CE1 peuvent écrire aux élèves de ${AUDIT_CLASS}, et inversement.`

/**
 * A director administers their school: a multi-level class and its teacher, a group and its members,
 * a communication rule read back as a sentence then deleted after confirming, and the audit trail
 * that tells all of it in plain French.
 */
describe.skipIf(!isChromiumAvailable)('school administration by its director', { timeout: 120_000 }, () => {
  let server: TestServer
  let context: BrowserContext
  let page: Page
  let school: TestServer['demo']['schools'][number]
  let teacher: { displayName: string }
  let parent: { id: string; displayName: string; lastName: string }
  let teacherId: string
  let ce1Id: string
  let api: ReturnType<typeof apiFor>

  beforeAll(async () => {
    server = await startTestServer()
    const { demo } = server
    const director = demoUserId(demo, showcaseLogin(demo, 'Directeur·rice'))
    school = demo.schools.find((s) =>
      demo.memberships.some((m) => m.schoolId === s.id && m.userId === director),
    )!
    const teacherIds = demo.memberships
      .filter((m) => m.schoolId === school.id && m.profile === 'teacher' && m.userId !== director)
      .map((m) => m.userId)
    teacher = demo.users.find((u) => u.id === teacherIds[0])!
    teacherId = teacherIds[0]!
    ce1Id = demo.classes.find((c) => c.schoolId === school.id && c.name === 'CE1')!.id
    const parentId = demo.memberships.find((m) => m.schoolId === school.id && m.profile === 'parent')!.userId
    parent = demo.users.find((u) => u.id === parentId)!
    context = await launchBrowser({ viewport: { width: 390, height: 844 } })
    await signInAs(context, server.baseUrl, server.db, director)
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
  const section = (name: string) =>
    page
      .getByRole('navigation', { name: 'Sections de l’administration de l’école' })
      .getByRole('link', { name, exact: true })
  const notice = (text: string) => page.getByRole('status').getByText(text, { exact: true })
  const openAdministration = async () => {
    await page.goto(`${server.baseUrl}/ecoles/${school.id}/administration`)
    await heading('Classes').waitFor()
  }
  const schoolApi = () => `/api/schools/${school.id}`
  const createClass = (name: string) =>
    api<{ id: string }>('POST', `${schoolApi()}/classes`, { name, levels: ['CM2'] })
  const pupilsOf = (classId: string) => ({ kind: 'class', classId, profile: 'pupil' })

  it('goes from the school page to its administration', async () => {
    await page.goto(`${server.baseUrl}/ecoles/${school.id}`)
    await heading(school.name).waitFor()
    await page.getByRole('link', { name: 'Administrer l’école' }).click()
    await heading('Classes').waitFor()
    await expect.poll(() => page.title()).toBe(`Classes – Administration · ${school.name} – Préau`)
    await checkAtBothWidths(page, 'admin-school-classes')
  })

  it('also opens it from the applications menu', async () => {
    await page.goto(`${server.baseUrl}/`)
    await page.getByRole('button', { name: 'Applications' }).click()
    await page.getByRole('menuitem', { name: 'Administration de l’école' }).click()
    await heading('Classes').waitFor()
    await expect(page).toHaveURL(`/ecoles/${school.id}/administration`)
  })

  it('creates a multi-level class and assigns it a teacher', async () => {
    await openAdministration()
    await page.getByRole('button', { name: 'Créer une classe' }).click()
    await page.getByRole('textbox', { name: 'Nom de la classe' }).fill(NEW_CLASS)
    const levels = page.getByRole('group', { name: 'Niveaux' })
    await levels.getByText('CE2', { exact: true }).click()
    await levels.getByText('CM1', { exact: true }).click()
    await expect(levels.getByRole('checkbox', { name: 'CE2' })).toBeChecked()
    await checkAtBothWidths(page, 'admin-school-class-form')
    await page.getByRole('button', { name: 'Créer la classe' }).click()
    await notice(`La classe « ${NEW_CLASS} » a été créée.`).waitFor()

    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: NEW_CLASS }) })
    await expect
      .poll(() => card.getByRole('list', { name: 'Niveaux' }).getByRole('listitem').allTextContents())
      .toEqual(['CE2', 'CM1'])
    await card.getByRole('button', { name: `Affecter un·e enseignant·e à ${NEW_CLASS}` }).click()
    await card
      .getByRole('combobox', { name: `Enseignant·e à affecter à ${NEW_CLASS}` })
      .selectOption({ label: teacher.displayName })
    await card.getByRole('button', { name: 'Affecter', exact: true }).click()
    await notice(`${teacher.displayName} est affecté·e à ${NEW_CLASS}.`).waitFor()
    await card.getByRole('button', { name: `Retirer ${teacher.displayName} de ${NEW_CLASS}` }).waitFor()
  })

  it('creates a group and adds a parent to it, found by name', async () => {
    await openAdministration()
    await section('Groupes').click()
    await heading('Groupes').waitFor()
    await page.getByRole('button', { name: 'Créer un groupe' }).click()
    await page.getByRole('textbox', { name: 'Nom du groupe' }).fill(GROUP)
    await page.getByRole('button', { name: 'Créer le groupe' }).click()
    await notice(`Le groupe « ${GROUP} » a été créé.`).waitFor()

    await page.getByRole('button', { name: `Ajouter des membres au groupe ${GROUP}` }).click()
    await page
      .getByRole('searchbox', { name: `Chercher une personne à ajouter à « ${GROUP} »` })
      .fill(parent.lastName.slice(0, 4))
    const add = page.getByRole('button', { name: `Ajouter ${parent.displayName} au groupe ${GROUP}` })
    await add.click()
    await notice(`${parent.displayName} a été ajouté·e au groupe « ${GROUP} ».`).waitFor()
    await checkAtBothWidths(page, 'admin-school-groups')
    await page.getByRole('button', { name: 'Terminer' }).click()
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: GROUP }) })
    await expect(card.getByText('1 membre', { exact: true })).toBeVisible()
    await expect(card.getByText(parent.displayName)).toBeVisible()
  })

  it('adds a rule between two classes, reads it as a sentence, and deletes it after confirming', async () => {
    await createClass(RULE_CLASS)
    await openAdministration()
    await section('Communication').click()
    await heading('Règles de communication').waitFor()
    await page.getByRole('heading', { name: 'Ce que Préau permet par défaut' }).waitFor()
    await page.getByRole('button', { name: 'Ajouter une règle' }).click()
    const who = page.getByRole('group', { name: 'Qui écrit ?' })
    await who.getByRole('combobox', { name: 'Classe', exact: true }).selectOption({ label: 'CE1' })
    await who.getByRole('combobox', { name: 'Dans cette classe' }).selectOption({ label: 'Les élèves' })
    const toWhom = page.getByRole('group', { name: 'À qui ?' })
    await toWhom.getByRole('combobox', { name: 'Classe', exact: true }).selectOption({ label: RULE_CLASS })
    await toWhom.getByRole('combobox', { name: 'Dans cette classe' }).selectOption({ label: 'Les élèves' })
    // The parents of one class toward the pupils of another: the form warns before saving.
    const whoInClass = who.getByRole('combobox', { name: 'Dans cette classe' })
    await whoInClass.selectOption({ label: 'Les parents des élèves de la classe' })
    const warning = page.getByText('Avec cette règle, des parents pourront voir', { exact: false })
    await warning.waitFor()
    await whoInClass.selectOption({ label: 'Les élèves' })
    await warning.waitFor({ state: 'detached' })
    await page.getByRole('textbox', { name: 'Note' }).fill('Correspondance scolaire du troisième trimestre')
    await page.getByText(RULE).waitFor()
    await checkAtBothWidths(page, 'admin-school-rule-form')
    await page.getByRole('button', { name: 'Ajouter la règle' }).click()
    await notice(`Règle ajoutée : ${RULE}`).waitFor()

    const rules = page.getByRole('region', { name: 'Les règles de votre école' })
    await expect(rules.getByText(RULE, { exact: true })).toBeVisible()
    await expect(rules.getByText('Note : Correspondance scolaire du troisième trimestre')).toBeVisible()
    await checkAtBothWidths(page, 'admin-school-rules')

    await rules.getByRole('button', { name: `Supprimer la règle : ${RULE}` }).click()
    const dialog = page.getByRole('alertdialog', { name: 'Supprimer cette règle ?' })
    await dialog.waitFor()
    // The focus starts on "Annuler": Enter at once does not delete.
    await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused()
    await checkAtBothWidths(page, 'admin-school-rule-delete')
    await dialog.getByRole('button', { name: 'Oui, supprimer la règle' }).click()
    await notice(`Règle supprimée : ${RULE}`).waitFor()
    await expect(rules.getByText('Votre école n’a pas de règle à elle')).toBeVisible()
  })

  it('tells what was done in the audit trail, in plain French', async () => {
    const { id: classId } = await createClass(AUDIT_CLASS)
    await api('POST', `${schoolApi()}/classes/${classId}/teachers`, { userId: teacherId })
    const { id: groupId } = await api<{ id: string }>('POST', `${schoolApi()}/groups`, { name: AUDIT_GROUP })
    await api('POST', `${schoolApi()}/groups/${groupId}/members`, { userIds: [parent.id] })
    const { id: ruleId } = await api<{ id: string }>('POST', `${schoolApi()}/communication-rules`, {
      source: pupilsOf(ce1Id),
      target: pupilsOf(classId),
      effect: 'allow',
      bothWays: true,
    })
    await api('DELETE', `${schoolApi()}/communication-rules/${ruleId}`)

    await openAdministration()
    await section('Journal').click()
    await heading('Journal d’audit').waitFor()
    const trail = page.getByRole('list', { name: 'Journal d’audit, du plus récent au plus ancien' })
    await trail.getByText('A supprimé une règle de communication.').first().waitFor()
    for (const sentence of [
      `A ajouté une règle de communication : « ${AUDIT_RULE} »`,
      `A ajouté 1 membre au groupe « ${AUDIT_GROUP} ».`,
      `A créé le groupe « ${AUDIT_GROUP} ».`,
      `A affecté un·e enseignant·e à la classe « ${AUDIT_CLASS} ».`,
      `A créé la classe « ${AUDIT_CLASS} » (CM2).`,
    ]) {
      await expect(trail.getByText(sentence, { exact: true }), sentence).toBeVisible()
    }
    await checkAtBothWidths(page, 'admin-school-audit')

    // Filtered by action: group creations only.
    await page.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Création de groupe' })
    // Only group creations, this one among them (an empty list while it loads does not count).
    await expect
      .poll(
        async () => {
          // Sentences put no-break spaces inside « »: compare with plain spaces.
          const items = (await trail.getByRole('listitem').allTextContents()).map((text) =>
            text.replace(/\s+/g, ' '),
          )
          return (
            items.length > 0 &&
            items.every((text) => text.includes('A créé le groupe')) &&
            items.some((text) => text.includes(`A créé le groupe « ${AUDIT_GROUP} ».`))
          )
        },
        { timeout: 10_000 },
      )
      .toBe(true)
  })
})

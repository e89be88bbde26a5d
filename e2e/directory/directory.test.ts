import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import type { DemoDeployment } from '../../src/server/demo/demo-deployment.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { showcaseLogin } from '../fixtures/demo.ts'
import { expect } from '../fixtures/expect.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'
import { signInThroughApi } from '../fixtures/session.ts'

/** Someone a parent may reach (their child's teacher) and someone they may not (another parent). */
function reachAndNot(demo: DemoDeployment, parentLogin: string) {
  const parent = demo.users.find((u) => u.login === parentLogin)!
  const link = demo.familyLinks.find((f) => f.parentId === parent.id)!
  const childClass = demo.classMembers.find((m) => m.userId === link.pupilId && m.role === 'pupil')!
  const teacherId = demo.classMembers.find(
    (m) => m.classId === childClass.classId && m.role === 'teacher',
  )!.userId
  const myFamily = new Set(demo.familyLinks.filter((f) => f.pupilId === link.pupilId).map((f) => f.parentId))
  const user = (id: string) => demo.users.find((u) => u.id === id)!
  // Another family of the school, with a name of its own (a different search).
  const otherParentId = demo.memberships.find(
    (m) =>
      m.schoolId === link.schoolId &&
      m.profile === 'parent' &&
      !myFamily.has(m.userId) &&
      user(m.userId).lastName !== user(teacherId).lastName,
  )!.userId
  return {
    school: demo.schools.find((s) => s.id === link.schoolId)!,
    teacher: user(teacherId),
    otherParent: user(otherParentId),
  }
}

/** A teacher's class, its pupils, and their parents. */
function classOf(demo: DemoDeployment, teacherLogin: string) {
  const teacher = demo.users.find((u) => u.login === teacherLogin)!
  const classId = demo.classMembers.find((m) => m.userId === teacher.id && m.role === 'teacher')!.classId
  const pupils = demo.classMembers
    .filter((m) => m.classId === classId && m.role === 'pupil')
    .map((m) => m.userId)
  const pupilId = pupils.find((id) => demo.familyLinks.some((f) => f.pupilId === id))!
  const parentIds = demo.familyLinks.filter((f) => f.pupilId === pupilId).map((f) => f.parentId)
  const user = (id: string) => demo.users.find((u) => u.id === id)!
  return {
    name: demo.classes.find((c) => c.id === classId)!.name,
    pupil: user(pupilId),
    parents: parentIds.map(user),
  }
}

// Journeys of several pages and sign-ins: patient on a shared, loaded machine.
describe.skipIf(!isChromiumAvailable)('the directory (annuaire)', { timeout: 60_000 }, () => {
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

  const search = () => page.getByRole('searchbox', { name: 'Rechercher une personne' })
  const people = () => page.getByRole('tabpanel', { name: 'Personnes' }).getByRole('listitem')
  const count = () => page.getByRole('status').filter({ hasText: /personne/ })

  /** Types a name as a person would and waits for the answer the search field asked for. */
  const searchFor = async (name: string) => {
    const answer = page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === name, {
      timeout: 10_000,
    })
    await search().fill(name)
    await answer
    await page.locator('.person-list[aria-busy]').waitFor({ state: 'detached' })
    await count().filter({ hasText: /./ }).waitFor()
  }

  it('is a ready application of the portal', async () => {
    await context.clearCookies()
    await signInThroughApi(context, server.baseUrl, showcaseLogin(server.demo, 'Parent'))
    await page.goto(`${server.baseUrl}/`)
    const apps = page.getByRole('region', { name: 'Mes applications' })
    await apps.getByRole('link', { name: 'Annuaire' }).click()
    await page.getByRole('heading', { level: 1, name: 'Annuaire' }).waitFor()
    await page.waitForURL((url) => url.pathname === '/annuaire')
  })

  it('shows a parent their child’s teacher but never another parent, and remembers the school', async () => {
    const login = showcaseLogin(server.demo, 'Parent')
    await context.clearCookies()
    await signInThroughApi(context, server.baseUrl, login)
    const { school, teacher, otherParent } = reachAndNot(server.demo, login)
    await page.goto(`${server.baseUrl}/annuaire`)
    await page.getByRole('combobox', { name: 'École' }).selectOption({ label: school.name })
    await count().waitFor()

    await searchFor(teacher.lastName)
    const card = people().filter({ hasText: teacher.displayName }).first()
    await expect(card).toContainText(/Enseignant·e/)
    await expect(count()).toContainText(/^\d+ personnes?$/)

    await searchFor(otherParent.lastName)
    await expect(people().filter({ hasText: otherParent.displayName })).toHaveCount(0)

    // The choice of school is kept for the next visit.
    await page.goto(`${server.baseUrl}/annuaire`)
    await expect(page.getByRole('combobox', { name: 'École' })).toHaveValue(school.id)
  })

  it('pages through a teacher’s school with "Afficher plus", and lists their groups', async () => {
    await context.clearCookies()
    await signInThroughApi(context, server.baseUrl, showcaseLogin(server.demo, 'Enseignant'))
    await page.goto(`${server.baseUrl}/annuaire`)
    await count()
      .filter({ hasText: /^30 personnes affichées sur \d+\.$/ })
      .waitFor()
    await expect(people()).toHaveCount(30)
    const firstPage = await people().allTextContents()

    await page.getByRole('button', { name: 'Afficher plus' }).click()
    await page.waitForFunction(() => document.querySelectorAll('.person').length > 30)
    const all = await people().allTextContents()
    expect(all.slice(0, 30)).toEqual(firstPage)
    expect(new Set(all).size).toBe(all.length)

    await page.getByRole('radiogroup', { name: 'Profil' }).getByText('Enseignant·es').click()
    await expect(page.getByRole('radio', { name: 'Enseignant·es' })).toBeChecked()
    await count()
      .filter({ hasText: /^\d+ personnes?$/ })
      .waitFor()
    for (const text of await people().allTextContents()) expect(text).toMatch(/Enseignant·e/)

    await page.getByRole('tab', { name: 'Groupes' }).click()
    const groups = page.getByRole('tabpanel', { name: 'Groupes' })
    await groups
      .getByText(/^Élèves de /)
      .first()
      .waitFor()
    await expect(groups.getByRole('listitem').first()).toContainText(/\d+ membres?/)
  })

  it('shows a teacher each pupil of their class with the parents’ contacts', async () => {
    const klass = classOf(server.demo, showcaseLogin(server.demo, 'Enseignant'))
    await context.clearCookies()
    await signInThroughApi(context, server.baseUrl, showcaseLogin(server.demo, 'Enseignant'))
    await page.goto(`${server.baseUrl}/annuaire`)
    await page.getByRole('tab', { name: 'Ma classe' }).click()
    const panel = page.getByRole('tabpanel', { name: 'Ma classe' })
    await panel
      .getByRole('heading', { level: 2, name: `${klass.name} : les élèves et leurs parents` })
      .waitFor()
    await page.waitForURL((url) => url.searchParams.get('vue') === 'classe')

    const family = panel
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: klass.pupil.displayName }) })
    const parents = family.getByRole('list', { name: `Parents de ${klass.pupil.displayName}` })
    for (const parent of klass.parents) {
      const entry = parents.getByRole('listitem').filter({ hasText: parent.displayName })
      await expect(entry).toHaveCount(1)
      if (parent.email) {
        await expect(entry.getByRole('link', { name: `E-mail : ${parent.email}` })).toHaveAttribute(
          'href',
          `mailto:${parent.email}`,
        )
      }
    }
  })
})

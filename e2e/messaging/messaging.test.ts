import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import type { DemoDeployment } from '../../src/server/demo/demo-deployment.ts'
import { signInAs } from '../fixtures/admin-session.ts'
import { accessibilityViolations } from '../fixtures/axe.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { showcaseLogin } from '../fixtures/demo.ts'
import { expect } from '../fixtures/expect.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'
import { apiFor } from '../fixtures/session.ts'

/** A small real PDF, as a teacher would attach. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
)

/**
 * A family of the showcased parent's school whose class teacher is not the director (the director
 * suspends the teacher), that class and teacher, another family of the school, the director.
 */
function cast(demo: DemoDeployment) {
  const user = (id: string) => demo.users.find((u) => u.id === id)!
  const showcased = demo.users.find((u) => u.login === showcaseLogin(demo, 'Parent'))!
  const schoolId = demo.familyLinks.find((f) => f.parentId === showcased.id)!.schoolId
  const isDirector = (id: string) =>
    demo.memberships.some(
      (m) => m.userId === id && m.schoolId === schoolId && m.functions.includes('director'),
    )
  const classOf = (pupilId: string) =>
    demo.classMembers.find((m) => m.userId === pupilId && m.role === 'pupil')!.classId
  const teacherOf = (classId: string) =>
    demo.classMembers.find((m) => m.classId === classId && m.role === 'teacher')!.userId
  // Activated families only: an account still waiting for its code has not accepted the charter yet.
  const waiting = new Set(demo.awaitingActivation)
  const link = [...demo.familyLinks]
    .filter((f) => f.schoolId === schoolId && !waiting.has(f.parentId) && !waiting.has(f.pupilId))
    .sort((a, b) => Number(b.parentId === showcased.id) - Number(a.parentId === showcased.id))
    .find((f) => !isDirector(teacherOf(classOf(f.pupilId))))!
  const parent = user(link.parentId)
  const classId = classOf(link.pupilId)
  const klass = demo.classes.find((c) => c.id === classId)!
  const teacher = user(teacherOf(classId))
  const family = new Set(demo.familyLinks.filter((f) => f.pupilId === link.pupilId).map((f) => f.parentId))
  const otherParent = user(
    demo.memberships.find(
      (m) =>
        m.schoolId === klass.schoolId &&
        m.profile === 'parent' &&
        !family.has(m.userId) &&
        !waiting.has(m.userId) &&
        user(m.userId).lastName !== teacher.lastName &&
        user(m.userId).lastName !== parent.lastName,
    )!.userId,
  )
  const director = user(
    demo.memberships.find((m) => m.schoolId === klass.schoolId && m.functions.includes('director'))!.userId,
  )
  const pupil = user(link.pupilId)
  const otherClassPupil = user(
    demo.classMembers.find(
      (m) =>
        m.schoolId === klass.schoolId &&
        m.role === 'pupil' &&
        m.classId !== classId &&
        user(m.userId).lastName !== pupil.lastName,
    )!.userId,
  )
  return { parent, klass, teacher, otherParent, director, pupil, otherClassPupil }
}

for (const viewport of [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
]) {
  describe.skipIf(!isChromiumAvailable)(`Messagerie (${viewport.name})`, { timeout: 120_000 }, () => {
    let server: TestServer
    let teacherContext: BrowserContext
    let parentContext: BrowserContext
    let roles: ReturnType<typeof cast>

    beforeAll(async () => {
      server = await startTestServer()
      roles = cast(server.demo)
      teacherContext = await launchBrowser({ viewport })
      parentContext = await launchBrowser({ viewport })
    })

    afterAll(async () => {
      await teacherContext?.close()
      await parentContext?.close()
      await server?.close()
    })

    const noViolations = async (page: Page, screen: string) => {
      expect(await accessibilityViolations(page), screen).toEqual([])
      await saveScreenshot(page, `messaging-${screen}-${viewport.name}`)
    }

    it('a teacher writes to the parents of her class with a file; a parent reads it and replies', async () => {
      const subject = `Piscine jeudi, ${viewport.name}`
      await signInAs(teacherContext, server.baseUrl, server.db, roles.teacher.id)
      const teacher = await teacherContext.newPage()
      await teacher.goto(`${server.baseUrl}/messagerie/ecrire?ecole=${roles.klass.schoolId}`)
      await teacher.getByRole('heading', { level: 1, name: 'Nouveau message' }).waitFor()
      await teacher.getByRole('searchbox', { name: 'À' }).fill('Parents')
      await teacher.getByRole('button', { name: `Groupe : Parents de ${roles.klass.name}` }).click()
      await expect(teacher.getByRole('list', { name: 'Destinataires choisis (À)' })).toContainText(
        `Parents de ${roles.klass.name}`,
      )
      await teacher.getByRole('textbox', { name: 'Objet' }).fill(subject)
      await teacher.getByRole('textbox', { name: 'Message' }).click()
      await teacher.keyboard.type('Bonjour, la séance de piscine a lieu jeudi : pensez au bonnet.')
      await teacher.getByLabel('Joindre des fichiers').setInputFiles({
        name: 'autorisation-piscine.pdf',
        mimeType: 'application/pdf',
        buffer: PDF,
      })
      await expect(teacher.getByRole('list', { name: 'Pièces jointes' })).toContainText(
        'autorisation-piscine.pdf',
      )
      await expect(teacher.getByRole('status').filter({ hasText: 'Brouillon enregistré' })).toBeVisible()
      await noViolations(teacher, 'composer')
      // The parent, signed in in another browser, has her inbox open before the message leaves.
      await signInAs(parentContext, server.baseUrl, server.db, roles.parent.id)
      const parent = await parentContext.newPage()
      await parent.goto(`${server.baseUrl}/messagerie`)
      await parent.getByRole('heading', { level: 2, name: 'Boîte de réception' }).waitFor()
      await teacher.getByRole('button', { name: 'Envoyer', exact: true }).click()
      await teacher.waitForURL((url) => url.searchParams.get('dossier') === 'sent')
      await teacher.getByRole('heading', { level: 2, name: 'Envoyés' }).waitFor()
      await saveScreenshot(teacher, `messaging-sent-${viewport.name}`)
      await expect(teacher.getByRole('link', { name: new RegExp(subject) })).toBeVisible()
      // The teacher then keeps her inbox open while the parent answers.
      await teacher.goto(`${server.baseUrl}/messagerie`)
      await teacher.getByRole('heading', { level: 2, name: 'Boîte de réception' }).waitFor()

      // It arrives in her open inbox without a reload (WebSocket, LISTEN/NOTIFY).
      const row = parent.getByRole('link', { name: new RegExp(subject) })
      await expect(row).toContainText('Non lu')
      await noViolations(parent, 'inbox')
      await row.click()
      await parent.getByRole('heading', { level: 1, name: subject }).waitFor()
      await expect(parent.getByText('pensez au bonnet')).toBeVisible()
      await expect(parent.getByRole('link', { name: 'autorisation-piscine.pdf' })).toBeVisible()
      await noViolations(parent, 'reading')
      await parent.getByRole('button', { name: 'Répondre', exact: true }).click()
      await parent.getByRole('heading', { level: 1, name: 'Nouveau message' }).waitFor()
      await expect(parent.getByRole('textbox', { name: 'Objet' })).toHaveValue(`Re : ${subject}`)
      await parent.getByRole('textbox', { name: 'Message' }).click()
      await parent.keyboard.press('Control+Home')
      await parent.keyboard.type('Merci, c’est noté !')
      const replied = parent.waitForResponse((r) => r.url().endsWith('/send'))
      await parent.getByRole('button', { name: 'Envoyer', exact: true }).click()
      expect(await (await replied).json()).toMatchObject({ state: 'sent', recipients: 1 })
      await parent.waitForURL((url) => url.searchParams.get('dossier') === 'sent')

      // The reply appears in the teacher's open inbox without a reload (WebSocket, LISTEN/NOTIFY).
      await expect(teacher.getByRole('link', { name: new RegExp(`Re : ${subject}`) })).toBeVisible()
    })

    it('a parent can neither find nor address another family’s parent', async () => {
      await signInAs(parentContext, server.baseUrl, server.db, roles.parent.id)
      const page = await parentContext.newPage()
      await page.goto(`${server.baseUrl}/messagerie/ecrire?ecole=${roles.klass.schoolId}`)
      const answer = page.waitForResponse(
        (r) => new URL(r.url()).searchParams.get('q') === roles.otherParent.lastName,
      )
      await page.getByRole('searchbox', { name: 'À' }).fill(roles.otherParent.lastName)
      await answer
      // Perhaps a member of staff of the same name; never the other family's parent.
      await expect(page.getByRole('button', { name: roles.otherParent.displayName })).toHaveCount(0)
      const api = apiFor(parentContext, server.baseUrl)
      await expect(
        api('PUT', `/api/schools/${roles.klass.schoolId}/messaging/drafts/${crypto.randomUUID()}`, {
          to: [{ type: 'person', id: roles.otherParent.id }],
        }),
      ).rejects.toThrow(/422.*Vous ne pouvez pas écrire à cette personne/)
    })

    it('a pupil cannot write to another class', async () => {
      await signInAs(parentContext, server.baseUrl, server.db, roles.pupil.id)
      const page = await parentContext.newPage()
      await page.goto(`${server.baseUrl}/messagerie/ecrire?ecole=${roles.klass.schoolId}`)
      await page.getByRole('heading', { level: 1, name: 'Nouveau message' }).waitFor()
      const simplified = await page.getByRole('group', { name: 'À qui veux-tu écrire ?' }).count()
      if (simplified === 0) {
        const answer = page.waitForResponse(
          (r) => new URL(r.url()).searchParams.get('q') === roles.otherClassPupil.lastName,
        )
        await page.getByRole('searchbox', { name: 'À' }).fill(roles.otherClassPupil.lastName)
        await answer
        await expect(page.getByRole('button', { name: roles.otherClassPupil.displayName })).toHaveCount(0)
      } else {
        await expect(page.getByRole('button', { name: roles.otherClassPupil.displayName })).toHaveCount(0)
      }
      const api = apiFor(parentContext, server.baseUrl)
      await expect(
        api('PUT', `/api/schools/${roles.klass.schoolId}/messaging/drafts/${crypto.randomUUID()}`, {
          to: [{ type: 'person', id: roles.otherClassPupil.id }],
        }),
      ).rejects.toThrow(/422/)
    })

    it('a teacher cancels a scheduled message, which comes back as a draft', async () => {
      await signInAs(teacherContext, server.baseUrl, server.db, roles.teacher.id)
      const api = apiFor(teacherContext, server.baseUrl)
      const id = crypto.randomUUID()
      const base = `/api/schools/${roles.klass.schoolId}/messaging`
      await api('PUT', `${base}/drafts/${id}`, {
        subject: 'Photo de classe reportée',
        to: [{ type: 'person', id: roles.parent.id }],
      })
      await api('POST', `${base}/drafts/${id}/send`, {
        scheduledFor: new Date(Date.now() + 86_400_000).toISOString(),
      })
      const page = await teacherContext.newPage()
      await page.goto(`${server.baseUrl}/messagerie/messages/${id}`)
      await page.getByRole('heading', { level: 1, name: 'Photo de classe reportée' }).waitFor()
      const cancel = page.getByRole('button', { name: 'Annuler l’envoi' })
      await cancel.waitFor()
      await noViolations(page, 'scheduled')
      await cancel.click()
      await page.getByRole('heading', { level: 1, name: 'Nouveau message' }).waitFor()
      await expect(page.getByRole('textbox', { name: 'Objet' })).toHaveValue('Photo de classe reportée')
      await page.close()
    })

    it('a director suspends an account after a report', async () => {
      const subject = `Message à signaler, ${viewport.name}`
      await signInAs(teacherContext, server.baseUrl, server.db, roles.teacher.id)
      const teacherApi = apiFor(teacherContext, server.baseUrl)
      const base = `/api/schools/${roles.klass.schoolId}/messaging`
      const draftId = crypto.randomUUID()
      await teacherApi('PUT', `${base}/drafts/${draftId}`, {
        subject,
        bodyHtml: '<p>Un message déplacé.</p>',
        to: [{ type: 'person', id: roles.parent.id }],
      })
      await teacherApi('POST', `${base}/drafts/${draftId}/send`, {})

      await signInAs(parentContext, server.baseUrl, server.db, roles.parent.id)
      const parent = await parentContext.newPage()
      await parent.goto(`${server.baseUrl}/messagerie/messages/${draftId}`)
      await parent.getByRole('button', { name: 'Signaler ce message' }).click()
      await parent.getByRole('textbox', { name: /Pourquoi signalez-vous/ }).fill('Ton agressif')
      await parent.getByRole('button', { name: 'Envoyer le signalement' }).click()
      await saveScreenshot(parent, `messaging-report-${viewport.name}`)
      await expect(parent.getByRole('status').filter({ hasText: 'transmis à la direction' })).toBeVisible()

      const directorContext = await launchBrowser({ viewport })
      try {
        await signInAs(directorContext, server.baseUrl, server.db, roles.director.id)
        const director = await directorContext.newPage()
        await director.goto(`${server.baseUrl}/messagerie/signalements?ecole=${roles.klass.schoolId}`)
        const report = director.getByRole('listitem').filter({ hasText: subject })
        await expect(report).toContainText('Ton agressif')
        await noViolations(director, 'reports')
        const suspended = director.waitForResponse((r) => r.url().includes('/suspensions/'))
        await report
          .getByRole('button', { name: `Suspendre l’envoi de messages de ${roles.teacher.displayName}` })
          .click()
        expect(`${(await suspended).status()} ${await (await suspended).text()}`).toMatch(/^200/)
        await expect(director.getByRole('region', { name: 'Comptes suspendus' })).toContainText(
          roles.teacher.displayName,
        )
      } finally {
        await directorContext.close()
      }
      const refusedId = crypto.randomUUID()
      await teacherApi('PUT', `${base}/drafts/${refusedId}`, {
        subject: 'Encore',
        to: [{ type: 'person', id: roles.parent.id }],
      })
      await expect(teacherApi('POST', `${base}/drafts/${refusedId}/send`, {})).rejects.toThrow(
        /403.*suspendu/,
      )
      // Lifted for the next journeys of this file.
      await signInAs(teacherContext, server.baseUrl, server.db, roles.director.id)
      await apiFor(teacherContext, server.baseUrl)('DELETE', `${base}/suspensions/${roles.teacher.id}`)
    })
  })
}

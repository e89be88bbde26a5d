import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { createPendingParent } from '../fixtures/accounts.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { expect } from '../fixtures/expect.ts'
import { checkPage, VIEWPORTS } from '../fixtures/page-checks.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'

/**
 * The public pages of accounts (activation, forgotten password, login card) and the legal pages, at a
 * phone's and a desktop's width: no WCAG 2.1 AA violation found by axe, nothing wider than the
 * screen, and a screenshot to look at.
 */
// Journeys of several pages and sign-ins: patient on a shared, loaded machine.
describe.skipIf(!isChromiumAvailable)(
  'accessibility of the public account and legal pages',
  { timeout: 60_000 },
  () => {
    let server: TestServer
    let context: BrowserContext
    let page: Page

    beforeAll(async () => {
      server = await startTestServer()
      context = await launchBrowser()
      page = await context.newPage()
    })

    afterAll(async () => {
      await context?.close()
      await server?.close()
    })

    const check = (name: string) => checkPage(page, name)

    for (const [device, viewport] of Object.entries(VIEWPORTS)) {
      describe(`on a ${device} (${viewport.width} px)`, () => {
        beforeAll(async () => {
          await context.clearCookies()
          await page.setViewportSize(viewport)
        })

        it('sign-in page with its links', async () => {
          await page.goto(`${server.baseUrl}/connexion`)
          await page.getByRole('link', { name: 'Mot de passe oublié ?' }).waitFor()
          await expect(page.getByRole('link', { name: 'Données personnelles' })).toHaveAttribute(
            'href',
            '/donnees-personnelles',
          )
          await expect(page.getByRole('link', { name: 'Charte d’utilisation' })).toHaveAttribute(
            'href',
            '/charte',
          )
          await check(`sign-in-links-${device}`)
        })

        it('activation: the code, then the password with its rules and errors', async () => {
          await page.goto(`${server.baseUrl}/activation`)
          await page.getByRole('heading', { level: 1, name: 'Activer mon compte' }).waitFor()
          await check(`activation-code-${device}`)
          await page.getByRole('button', { name: 'Continuer' }).click()
          await page.getByText('Saisissez votre identifiant.').waitFor()
          await check(`activation-code-errors-${device}`)

          const parent = await createPendingParent(
            server,
            { firstName: 'Inès', lastName: device === 'phone' ? 'Garnier' : 'Roussel' },
            device === 'phone' ? 3 : 40,
          )
          await page.goto(
            `${server.baseUrl}/activation#identifiant=${parent.login}&code=${parent.printedCode}`,
          )
          await page.getByRole('heading', { level: 2, name: 'Bonjour Inès !' }).waitFor()
          await page.getByLabel('Mot de passe', { exact: true }).fill('ines2026')
          await check(`activation-password-${device}`)
          await page.getByLabel('Confirmez le mot de passe').fill('autre chose')
          await page.getByRole('button', { name: 'Activer mon compte' }).click()
          await page.getByText('Acceptez la charte d’utilisation pour continuer.').waitFor()
          await check(`activation-password-errors-${device}`)
        })

        it('forgotten password, then the neutral answer', async () => {
          await page.goto(`${server.baseUrl}/mot-de-passe-oublie`)
          await page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor()
          await check(`password-forgotten-${device}`)
          await page
            .getByRole('textbox', { name: 'Identifiant ou adresse e-mail' })
            .fill('quelqu.un@example.fr')
          await page.getByRole('button', { name: 'Recevoir un lien' }).click()
          await page.getByText('Demande enregistrée').waitFor()
          await check(`password-forgotten-sent-${device}`)
        })

        it('new password with its errors, and a link without its token', async () => {
          await page.goto(`${server.baseUrl}/mot-de-passe/nouveau#jeton=${'z'.repeat(43)}`)
          await page.getByRole('heading', { level: 1, name: 'Choisir un nouveau mot de passe' }).waitFor()
          await page.getByLabel('Mot de passe', { exact: true }).fill('azerty123')
          await page.getByLabel('Confirmez le mot de passe').fill('azerty12')
          await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click()
          await page.getByText('Les deux mots de passe ne sont pas identiques.').waitFor()
          await check(`password-new-errors-${device}`)

          // A link cut before its token (a fresh tab: a reload would keep the token read before).
          const cut = await context.newPage()
          await cut.goto(`${server.baseUrl}/mot-de-passe/nouveau`)
          await cut.getByRole('heading', { level: 1, name: 'Lien incomplet' }).waitFor()
          const current = page
          page = cut
          await check(`password-new-incomplete-${device}`)
          page = current
          await cut.close()
        })

        it('login card that does not work', async () => {
          await page.goto(`${server.baseUrl}/carte#jeton=${'c'.repeat(43)}`)
          await page.getByRole('heading', { level: 1, name: 'Oups, ta carte ne marche pas.' }).waitFor()
          await expect(page.getByText('Demande à ta maîtresse ou à ton maître.')).toBeVisible()
          await expect(page.getByRole('link', { name: 'Se connecter avec un identifiant' })).toHaveAttribute(
            'href',
            '/connexion',
          )
          await check(`login-card-failed-${device}`)
        })

        it('personal data and terms of use', async () => {
          await page.goto(`${server.baseUrl}/donnees-personnelles`)
          await page.getByRole('heading', { level: 1, name: 'Données personnelles' }).waitFor()
          for (const section of ['Qui est responsable ?', 'Combien de temps ?', 'Vos droits']) {
            await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible()
          }
          await expect(page.getByText(/arrêté du 30 novembre 2006/).first()).toBeVisible()
          await check(`data-protection-${device}`)

          await page.getByRole('link', { name: 'Lire la charte d’utilisation de Préau' }).click()
          await page.getByRole('heading', { level: 1, name: 'Charte d’utilisation' }).waitFor()
          await expect(page.getByRole('heading', { level: 2, name: 'Dans Préau, je…' })).toBeVisible()
          await check(`charter-${device}`)
        })
      })
    }
  },
)

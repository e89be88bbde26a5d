import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest'
import { createPendingParent } from '../fixtures/accounts.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { expect } from '../fixtures/expect.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'
import { focusedElement, focusIndicator } from '../fixtures/session.ts'

const NEW_PASSWORD = 'Le cartable bleu 2026'

// Journeys of several pages and sign-ins: patient on a shared, loaded machine.
describe.skipIf(!isChromiumAvailable)(
  'activating an account with the connection sheet',
  { timeout: 60_000 },
  () => {
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

    beforeEach(async () => {
      await context.clearCookies()
    })

    const expectPortalWithChild = async (firstName: string, school: string, className: string) => {
      await page.getByRole('heading', { level: 1, name: `Bonjour, ${firstName}` }).waitFor()
      await page.waitForURL((url) => url.pathname === '/')
      const card = page
        .getByRole('region', { name: 'Mes écoles' })
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: school }) })
      await expect(card).toContainText('Vous y êtes : Parent')
      await expect(card.getByText(className, { exact: true })).toHaveCount(1)
    }

    it('opens from the QR code, checks the code at once, and lands on the portal with the child’s class', async () => {
      const parent = await createPendingParent(server, { firstName: 'Nadia', lastName: 'Belkacem' }, 0)
      await page.goto(
        `${server.baseUrl}/activation#identifiant=${parent.login}&code=${encodeURIComponent(parent.printedCode)}`,
      )
      await page.getByRole('heading', { level: 2, name: 'Bonjour Nadia !' }).waitFor()
      // The code left the address bar: it must not stay in the history.
      await page.waitForURL((url) => url.hash === '')
      await expect(page.getByText('Étape 2 sur 2')).toBeVisible()

      const password = page.getByLabel('Mot de passe', { exact: true })
      const rules = page.getByText('Votre mot de passe doit :').locator('..')
      await password.fill('nadia1234')
      await expect(rules).toContainText('contenir au moins 10 caractères (pas encore respecté)')
      await expect(rules).toContainText(
        'ne contenir ni votre prénom, ni votre nom, ni votre identifiant (pas encore respecté)',
      )
      await password.fill(NEW_PASSWORD)
      await expect(rules).toContainText('contenir au moins 10 caractères (respecté)')
      await expect(rules).toContainText('ne pas être un mot de passe courant ou trop simple (respecté)')

      // Without the charter and with a different confirmation: both said at their field.
      await page.getByLabel('Confirmez le mot de passe').fill('Le cartable rouge 2026')
      await page.getByRole('button', { name: 'Activer mon compte' }).click()
      await page.getByText('Les deux mots de passe ne sont pas identiques.').waitFor()
      await expect(page.getByText('Acceptez la charte d’utilisation pour continuer.')).toBeVisible()

      await page.getByLabel('Confirmez le mot de passe').fill(NEW_PASSWORD)
      const charterLink = page.getByRole('link', { name: /Lire la charte d’utilisation/ })
      await expect(charterLink).toHaveAttribute('href', '/charte')
      await expect(charterLink).toHaveAttribute('target', '_blank')
      await page.getByText('J’ai lu et j’accepte la charte d’utilisation de Préau').click()
      await page.getByLabel('Adresse e-mail (facultatif)').fill('nadia.belkacem@example.fr')
      await page.getByRole('button', { name: 'Activer mon compte' }).click()

      await expectPortalWithChild('Nadia', parent.school.name, parent.className)

      // The new password works for the next sign-in.
      await context.clearCookies()
      await page.goto(`${server.baseUrl}/connexion`)
      await page.getByRole('textbox', { name: 'Identifiant' }).fill(parent.login)
      await page.getByLabel('Mot de passe', { exact: true }).fill(NEW_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.getByRole('heading', { level: 1, name: 'Bonjour, Nadia' }).waitFor()
    })

    it('is offered from the sign-in page and refuses a wrong code in French', async () => {
      await page.goto(`${server.baseUrl}/connexion`)
      await page.getByRole('link', { name: 'Première connexion ? Activer mon compte' }).click()
      await page.getByRole('heading', { level: 1, name: 'Activer mon compte' }).waitFor()
      await page.getByRole('textbox', { name: 'Identifiant' }).fill('personne.inconnue')
      await page.getByRole('textbox', { name: 'Code d’activation' }).fill('abcd-efgh')
      await page.getByRole('button', { name: 'Continuer' }).click()
      const alert = page.getByRole('alert')
      await alert.waitFor()
      await expect(alert).toContainText('Identifiant ou code d’activation incorrect, ou code expiré.')
    })

    it('can be done with the keyboard alone, with the focus always visible', async () => {
      const parent = await createPendingParent(server, { firstName: 'Yanis', lastName: 'Morel' }, 20)
      await page.goto(`${server.baseUrl}/activation`)
      await page.getByRole('heading', { level: 1, name: 'Activer mon compte' }).waitFor()
      const steps: string[] = []
      const tab = async () => {
        await page.keyboard.press('Tab')
        steps.push(await focusedElement(page))
        await expect
          .poll(() => focusIndicator(page), { message: `focus visible on ${steps.at(-1)}` })
          .not.toBe('')
      }

      await tab()
      await page.keyboard.type(parent.login)
      await tab()
      // As typed from the sheet, dash and capitals included.
      await page.keyboard.type(parent.printedCode)
      await page.keyboard.press('Enter')
      await page.getByRole('heading', { level: 2, name: 'Bonjour Yanis !' }).waitFor()
      await expect.poll(() => focusedElement(page)).toBe('h2:Bonjour Yanis !')

      await tab()
      await page.keyboard.type(NEW_PASSWORD)
      await tab()
      await tab()
      await page.keyboard.type(NEW_PASSWORD)
      await tab()
      await tab()
      await tab()
      await tab()
      await page.keyboard.press('Space')
      await tab()
      await tab()
      expect(steps).toEqual([
        'input:Identifiant',
        'input:Code d’activation',
        'input:Mot de passe',
        'button:Afficher le mot de passe',
        'input:Confirmez le mot de passe',
        'button:Afficher le mot de passe',
        'input:Adresse e-mail (facultatif)',
        'input:Téléphone (facultatif)',
        'input:J’ai lu et j’accepte la charte d’utilisation de Préau',
        'a:Lire la charte d’utilisation (s’ouvre dans un nouvel onglet)',
        'button:Activer mon compte',
      ])
      await expect(page.getByRole('checkbox', { name: /J’ai lu et j’accepte/ })).toBeChecked()
      await page.keyboard.press('Enter')
      await expectPortalWithChild('Yanis', parent.school.name, parent.className)
    })
  },
)

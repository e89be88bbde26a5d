import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { authenticatorCode } from '../fixtures/accounts.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { DEMO_PASSWORD, showcaseLogin } from '../fixtures/demo.ts'
import { checkPage } from '../fixtures/page-checks.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'
import { signInThroughApi } from '../fixtures/session.ts'

// Each width enrols a different account: an enrolment happens once per account.
const VIEWPORTS = {
  phone: { size: { width: 390, height: 844 }, admin: 'Directeur' },
  desktop: { size: { width: 1280, height: 800 }, admin: 'Administrateur·rice —' },
} as const

const SECRET_TEXT = /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/

/**
 * The screens of the second step of sign-in and of "Mon compte", at a phone's and a desktop's width:
 * no WCAG 2.1 AA violation found by axe, nothing wider than the screen, and a screenshot to look at.
 */
// Journeys of several pages and sign-ins: patient on a shared, loaded machine.
describe.skipIf(!isChromiumAvailable)(
  'accessibility of the second step and of my account',
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

    const signInWithPassword = async (login: string) => {
      await page.goto(`${server.baseUrl}/connexion`)
      await page.getByRole('textbox', { name: 'Identifiant' }).fill(login)
      await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
    }

    for (const [device, { size, admin }] of Object.entries(VIEWPORTS)) {
      describe(`on a ${device} (${size.width} px)`, () => {
        let login = ''
        let secret = ''

        beforeAll(async () => {
          await context.clearCookies()
          await page.setViewportSize(size)
          login = showcaseLogin(server.demo, admin)
        })

        it('first enrolment, then the recovery codes', async () => {
          await signInWithPassword(login)
          await page.getByRole('heading', { level: 1, name: 'Protégez votre compte' }).waitFor()
          secret = (await page.getByText(SECRET_TEXT).textContent()) ?? ''
          await check(`enrolment-${device}`)

          await page
            .getByRole('textbox', { name: 'Code affiché par l’application' })
            .fill(authenticatorCode(secret))
          await page.getByRole('button', { name: 'Valider et continuer' }).click()
          await page.getByRole('heading', { level: 2, name: 'Vos codes de secours' }).waitFor()
          await check(`recovery-codes-${device}`)
          await page.getByRole('button', { name: 'Continuer' }).click()
          await page.getByText('Cochez la case une fois les codes imprimés ou copiés en lieu sûr.').waitFor()
          await check(`recovery-codes-error-${device}`)
        })

        it('my account with two-step verification on', async () => {
          await page.getByText('J’ai mis ces codes en lieu sûr').click()
          await page.getByRole('button', { name: 'Continuer' }).click()
          await page.getByRole('heading', { level: 1, name: /^Bonjour/ }).waitFor()
          await page.goto(`${server.baseUrl}/mon-compte`)
          await page.getByText('Il vous reste 10 codes de secours.').waitFor()
          await page.getByRole('region', { name: 'Mes sessions' }).getByText('Cet appareil').waitFor()
          await check(`account-totp-on-${device}`)
        })

        it('the code at the next sign-in, and a recovery code instead', async () => {
          await context.clearCookies()
          await signInWithPassword(login)
          await page.getByRole('heading', { level: 1, name: 'Vérification en deux étapes' }).waitFor()
          await page.getByRole('textbox', { name: 'Code à 6 chiffres' }).fill('12')
          await page.getByRole('button', { name: 'Valider' }).click()
          await page.getByText('Saisissez les 6 chiffres du code, sans lettre.').waitFor()
          await check(`second-step-code-${device}`)
          await page.getByRole('button', { name: 'Utiliser un code de secours' }).click()
          await page.getByRole('textbox', { name: 'Code de secours' }).waitFor()
          await check(`second-step-recovery-${device}`)
        })

        it('a parent’s account: turning the second step on, and closing the other sessions', async () => {
          await context.clearCookies()
          const parent = showcaseLogin(server.demo, 'Parent')
          await signInThroughApi(context, server.baseUrl, parent)
          // Another session of the same parent, as from a second device.
          await signInThroughApi(await launchApiContext(), server.baseUrl, parent)
          await page.goto(`${server.baseUrl}/mon-compte`)
          await page.getByText('Non activée').waitFor()
          await page.getByRole('region', { name: 'Mes sessions' }).getByRole('listitem').nth(1).waitFor()
          await check(`account-${device}`)

          await page.getByRole('button', { name: 'Activer la vérification en deux étapes' }).click()
          await page.getByRole('img', { name: /QR code/ }).waitFor()
          await check(`account-enrolment-${device}`)
          await page.getByRole('button', { name: 'Annuler' }).click()

          await page.getByRole('button', { name: 'Fermer toutes les autres sessions' }).click()
          await page.getByRole('alertdialog').waitFor()
          await check(`account-close-others-${device}`)
          await page.keyboard.press('Escape')
        })
      })
    }

    // A bare API client with its own cookie jar: a second session without a second browser.
    const contexts: { dispose: () => Promise<void> }[] = []
    const launchApiContext = async () => {
      const { request } = await import('playwright-core')
      const api = await request.newContext()
      contexts.push(api)
      return { request: api } as unknown as BrowserContext
    }
    afterAll(async () => {
      for (const api of contexts) await api.dispose()
    })
  },
)

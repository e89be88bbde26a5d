import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest'
import { insertSession, newSessionToken } from '../../src/server/plugins/auth/session-store.ts'
import { authenticatorCode } from '../fixtures/accounts.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { DEMO_PASSWORD, showcaseLogin } from '../fixtures/demo.ts'
import { expect } from '../fixtures/expect.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'

// The key is shown in groups of four base-32 characters: "JBSW Y3DP …".
const SECRET_TEXT = /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/

// Journeys of several pages and sign-ins: patient on a shared, loaded machine.
describe.skipIf(!isChromiumAvailable)('the second step of sign-in (TOTP)', { timeout: 60_000 }, () => {
  let server: TestServer
  let context: BrowserContext
  let page: Page
  let director: { login: string; firstName: string }
  let otherDirectors: { login: string; firstName: string }[]

  beforeAll(async () => {
    server = await startTestServer()
    const login = showcaseLogin(server.demo, 'Directeur')
    director = { login, firstName: server.demo.users.find((u) => u.login === login)!.firstName }
    // The journeys after the first each enrol a director of their own, so any of them runs alone.
    const directorIds = new Set(
      server.demo.memberships.filter((m) => m.functions.includes('director')).map((m) => m.userId),
    )
    otherDirectors = server.demo.users
      .filter((user) => directorIds.has(user.id) && user.login !== login)
      .map((user) => ({ login: user.login, firstName: user.firstName }))
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

  const signInWithPassword = async (who = director) => {
    await page.goto(`${server.baseUrl}/connexion`)
    await page.getByRole('textbox', { name: 'Identifiant' }).fill(who.login)
    await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
  }

  /**
   * Enrols `who` through the API, as the first sign-in would (password, secret, first code), and
   * leaves the browser signed out: their secret and recovery codes, for journeys that start enrolled.
   */
  const enrolThroughApi = async (who: { login: string }) => {
    const csrf = (await (await context.request.get(`${server.baseUrl}/api/auth/csrf`)).json()) as {
      token: string
    }
    const post = async (path: string, data?: unknown) => {
      const response = await context.request.post(`${server.baseUrl}${path}`, {
        data,
        headers: { 'x-csrf-token': csrf.token },
      })
      expect(response.status(), path).toBeLessThan(300)
      return response.status() === 204 ? undefined : response.json()
    }
    expect(await post('/api/auth/login', { login: who.login, password: DEMO_PASSWORD })).toEqual({
      next: 'totp-enrolment',
    })
    const { secret } = (await post('/api/auth/totp/enrolment')) as { secret: string }
    const { recoveryCodes } = (await post('/api/auth/totp/enrolment/confirm', {
      code: authenticatorCode(secret),
    })) as { recoveryCodes: string[] }
    await context.clearCookies()
    return { secret, recoveryCodes }
  }

  const signOut = async () => {
    await page.getByRole('button', { name: /^Mon compte/ }).click()
    await page.getByRole('menuitem', { name: 'Se déconnecter' }).click()
    await page.getByText('Vous êtes déconnecté·e. À bientôt !').waitFor()
  }

  it('has a director enrol an authenticator at first sign-in, keep the recovery codes, and enter', async () => {
    await signInWithPassword()
    await page.getByRole('heading', { level: 1, name: 'Protégez votre compte' }).waitFor()
    await page.waitForURL((url) => url.pathname === '/connexion/double-authentification')
    await page.getByRole('img', { name: /QR code à scanner/ }).waitFor()
    const otpLink = page.getByRole('link', { name: 'Ouvrir dans l’application d’authentification' })
    await expect(otpLink).toHaveAttribute('href', /^otpauth:\/\/totp\//)

    const secret = (await page.getByText(SECRET_TEXT).textContent()) ?? ''
    expect(secret).toMatch(SECRET_TEXT)
    // A wrong first code is refused at the field, in French.
    const codeField = page.getByRole('textbox', { name: 'Code affiché par l’application' })
    await codeField.fill('000000')
    await page.getByRole('button', { name: 'Valider et continuer' }).click()
    await page.getByText('Code incorrect : vérifiez l’heure de votre téléphone et réessayez.').waitFor()
    await expect(codeField).toHaveAttribute('aria-invalid', 'true')
    await expect(codeField).toHaveAttribute('inputmode', 'numeric')
    await expect(codeField).toHaveAttribute('autocomplete', 'one-time-code')

    await codeField.fill(authenticatorCode(secret))
    await page.getByRole('button', { name: 'Valider et continuer' }).click()
    const codesHeading = page.getByRole('heading', { level: 2, name: 'Vos codes de secours' })
    await codesHeading.waitFor()
    await expect(codesHeading).toBeFocused()
    const codes = page.getByRole('region', { name: 'Vos codes de secours' }).getByRole('listitem')
    await expect(codes).toHaveCount(10)
    await expect(page.getByRole('button', { name: 'Imprimer' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Copier' })).toBeVisible()

    // Going on without saying the codes are safe is refused at the checkbox.
    await page.getByRole('button', { name: 'Continuer' }).click()
    await page.getByText('Cochez la case une fois les codes imprimés ou copiés en lieu sûr.').waitFor()
    await page.getByText('J’ai mis ces codes en lieu sûr').click()
    await page.getByRole('button', { name: 'Continuer' }).click()
    await page.getByRole('heading', { level: 1, name: `Bonjour, ${director.firstName}` }).waitFor()
    await page.waitForURL((url) => url.pathname === '/')
    await signOut()
  })

  it('asks the enrolled director for a fresh code at the next sign-in', async () => {
    const enrolled = otherDirectors[0]!
    const { secret } = await enrolThroughApi(enrolled)
    await signInWithPassword(enrolled)
    await page.getByRole('heading', { level: 1, name: 'Vérification en deux étapes' }).waitFor()
    await page.waitForURL((url) => url.pathname === '/connexion/code')
    // The code of the enrolment was spent: the next 30-second step's code is accepted (one step of drift).
    await page.getByRole('textbox', { name: 'Code à 6 chiffres' }).fill(authenticatorCode(secret, 30))
    await page.getByRole('button', { name: 'Valider' }).click()
    await page.getByRole('heading', { level: 1, name: `Bonjour, ${enrolled.firstName}` }).waitFor()
    await signOut()
  })

  it('accepts a recovery code instead, once', async () => {
    const enrolled = otherDirectors[1]!
    const { recoveryCodes } = await enrolThroughApi(enrolled)
    await signInWithPassword(enrolled)
    await page.getByRole('heading', { level: 1, name: 'Vérification en deux étapes' }).waitFor()
    await page.getByRole('button', { name: 'Utiliser un code de secours' }).click()
    const recoveryField = page.getByRole('textbox', { name: 'Code de secours' })
    await recoveryField.waitFor()
    await expect(recoveryField).toBeFocused()
    await recoveryField.fill(recoveryCodes[0]!.toUpperCase())
    await page.getByRole('button', { name: 'Valider' }).click()
    await page.getByRole('heading', { level: 1, name: `Bonjour, ${enrolled.firstName}` }).waitFor()
    await signOut()

    await signInWithPassword(enrolled)
    await page.getByRole('button', { name: 'Utiliser un code de secours' }).click()
    await page.getByRole('textbox', { name: 'Code de secours' }).fill(recoveryCodes[0]!)
    await page.getByRole('button', { name: 'Valider' }).click()
    await page.getByText('Code de secours incorrect ou déjà utilisé.').waitFor()
  })

  it('sends back to the sign-in form with a clear message when the paused sign-in is gone', async () => {
    await page.goto(`${server.baseUrl}/connexion/code`)
    await page.getByRole('textbox', { name: 'Code à 6 chiffres' }).fill('123456')
    await page.getByRole('button', { name: 'Valider' }).click()
    await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor()
    await page.waitForURL((url) => url.pathname === '/connexion')
    await expect(
      page.getByText('La vérification a pris trop de temps ou a déjà servi.', { exact: false }),
    ).toBeVisible()
  })

  it('leads a session whose director rights wait for the second factor to the code, then back', async () => {
    // A teacher appointed director after her password-only sign-in (her own director, enrolled here).
    const teacher = server.demo.memberships.find(
      (m) =>
        m.profile === 'teacher' &&
        m.functions.length === 0 &&
        !server.demo.memberships.some((other) => other.userId === m.userId && other.functions.length > 0),
    )!
    const userId = teacher.userId
    await server.db
      .updateTable('memberships')
      .set({ functions: ['director'] })
      .where('userId', '=', userId)
      .where('schoolId', '=', teacher.schoolId)
      .where('profile', '=', 'teacher')
      .execute()
    const { secret } = await enrolThroughApi(server.demo.users.find((u) => u.id === userId)!)
    // A session opened with the password alone (as before a role was granted): no second factor on record.
    const { token, tokenHash } = newSessionToken()
    await insertSession(server.db, {
      userId,
      tokenHash,
      expiresAt: new Date(Date.now() + 3_600_000),
      ip: null,
      userAgent: 'e2e',
      proof: { firstFactor: 'password', secondFactor: null },
    })
    await context.clearCookies()
    await context.addCookies([
      { name: 'preau_session', value: token, url: server.baseUrl, httpOnly: true, sameSite: 'Lax' },
    ])
    // The codes already used in this file are spent: the step-up takes the current one.
    await server.db.updateTable('userTotp').set({ lastUsedStep: null }).where('userId', '=', userId).execute()
    await page.goto(`${server.baseUrl}/mon-compte`)
    await page.getByText('Double authentification demandée').waitFor()
    await page.getByRole('link', { name: 'Confirmer avec mon code' }).click()
    await page.getByRole('heading', { level: 1, name: 'Confirmer votre identité' }).waitFor()
    await page.getByRole('textbox', { name: 'Code à 6 chiffres' }).fill(authenticatorCode(secret))
    await page.getByRole('button', { name: 'Valider' }).click()
    await page.waitForURL((url) => url.pathname === '/mon-compte')
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor()
    await expect(page.getByText('Double authentification demandée')).toHaveCount(0)
  })
})

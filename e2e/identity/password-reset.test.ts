import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest'
import { type Mailbox, recipients, startMailbox } from '../../src/server/testing/mailbox.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { showcaseLogin } from '../fixtures/demo.ts'
import { expect } from '../fixtures/expect.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'

const NEUTRAL_ANSWER = 'Si un compte avec une adresse e-mail correspond, un lien vient d’y être envoyé.'

// Journeys of several pages and sign-ins: patient on a shared, loaded machine.
describe.skipIf(!isChromiumAvailable)('forgotten password', { timeout: 60_000 }, () => {
  let mailbox: Mailbox
  let server: TestServer
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    mailbox = await startMailbox()
    server = await startTestServer({ SMTP_URL: mailbox.url })
    context = await launchBrowser({ viewport: { width: 390, height: 844 } })
    page = await context.newPage()
  })

  afterAll(async () => {
    await context?.close()
    await server?.close()
    await mailbox?.close()
  })

  beforeEach(async () => {
    await context.clearCookies()
  })

  const ask = async (loginOrEmail: string) => {
    await page.goto(`${server.baseUrl}/connexion`)
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click()
    await page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor()
    await expect(
      page.getByText('Élèves : votre enseignant·e peut vous donner un nouveau mot de passe.'),
    ).toBeVisible()
    await page.getByRole('textbox', { name: 'Identifiant ou adresse e-mail' }).fill(loginOrEmail)
    await page.getByRole('button', { name: 'Recevoir un lien' }).click()
    const answer = page.getByRole('status').filter({ hasText: 'Demande enregistrée' })
    await answer.waitFor()
    return (await answer.textContent()) ?? ''
  }

  it('gives the same neutral answer whether the account exists or not', async () => {
    const unknown = await ask('personne.inconnue')
    const known = await ask(showcaseLogin(server.demo, 'Parent'))
    expect(unknown).toContain(NEUTRAL_ANSWER)
    expect(known).toBe(unknown)
  })

  it('lets a parent choose a new password from the link received, then sign in with it', async () => {
    const login = showcaseLogin(server.demo, 'Parent')
    const parent = server.demo.users.find((user) => user.login === login)!
    await ask(parent.email!)
    const mail = await mailbox.waitFor((m) => recipients(m).includes(parent.email!))
    const link = /https?:\/\/\S+\/mot-de-passe\/nouveau#jeton=[A-Za-z0-9_-]+/.exec(mail.text ?? '')?.[0]
    expect(link).toBeDefined()

    await page.goto(link!)
    await page.getByRole('heading', { level: 1, name: 'Choisir un nouveau mot de passe' }).waitFor()
    await page.waitForURL((url) => url.hash === '')
    const newPassword = 'Une girafe dans la cour'
    await page.getByLabel('Mot de passe', { exact: true }).fill(newPassword)
    await page.getByLabel('Confirmez le mot de passe').fill(newPassword)
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click()

    await page.getByText('Votre mot de passe est changé. Connectez-vous avec le nouveau.').waitFor()
    await page.waitForURL((url) => url.pathname === '/connexion')
    await page.getByRole('textbox', { name: 'Identifiant' }).fill(login)
    await page.getByLabel('Mot de passe', { exact: true }).fill(newPassword)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByRole('heading', { level: 1, name: `Bonjour, ${parent.firstName}` }).waitFor()
  })

  it('refuses two different passwords on the new-password page, in French, at the field', async () => {
    await page.goto(`${server.baseUrl}/mot-de-passe/nouveau#jeton=${'x'.repeat(43)}`)
    await page.getByRole('heading', { level: 1, name: 'Choisir un nouveau mot de passe' }).waitFor()
    await page.getByLabel('Mot de passe', { exact: true }).fill('Une girafe dans la cour')
    const confirmation = page.getByLabel('Confirmez le mot de passe')
    await confirmation.fill('Une girafe dans le préau')
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click()

    const error = page.getByText('Les deux mots de passe ne sont pas identiques.')
    await error.waitFor()
    await expect(confirmation).toHaveAttribute('aria-invalid', 'true')
    const describedBy = (await confirmation.getAttribute('aria-describedby')) ?? ''
    const errorId = await error.evaluate((node) => node.closest('[id]')?.id ?? '')
    expect(describedBy.split(' ')).toContain(errorId)
  })

  it('says a used or unknown link is dead, and offers a new one', async () => {
    await page.goto(`${server.baseUrl}/mot-de-passe/nouveau#jeton=${'y'.repeat(43)}`)
    await page.getByLabel('Mot de passe', { exact: true }).fill('Une girafe dans la cour')
    await page.getByLabel('Confirmez le mot de passe').fill('Une girafe dans la cour')
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click()
    const alert = page.getByRole('alert')
    await alert.waitFor()
    await expect(alert).toContainText('Ce lien n’est plus valable')
    await expect(alert.getByRole('link', { name: 'Demander un nouveau lien' })).toHaveAttribute(
      'href',
      '/mot-de-passe-oublie',
    )
  })
})

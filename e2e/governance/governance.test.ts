import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { PDF } from '../../src/server/plugins/blobs/blob-test-kit.ts'
import { type Mailbox, startMailbox } from '../../src/server/testing/mailbox.ts'
import { demoUserId, signInAs } from '../fixtures/admin-session.ts'
import { isChromiumAvailable, launchBrowser } from '../fixtures/browser.ts'
import { showcaseLogin } from '../fixtures/demo.ts'
import { expect } from '../fixtures/expect.ts'
import { checkAtBothWidths } from '../fixtures/page-checks.ts'
import { startTestServer, type TestServer } from '../fixtures/server.ts'

/** A loaded machine (two shared cores) can take long over a first page: wait as long as it takes, within reason. */
const WAIT = 60_000

/** The delegates marked present in the journey: eleven of twenty, the quorum exactly. */
const PRESENT = [
  'M. Charles BAREGE',
  'M. Christophe COULON',
  'Mme Annie DEFOSSE',
  'M. André FIGOUREUX',
  'M. Anthony JOUVENEL',
  'M. Gérard PHILIPPE',
  'Mme Martine FILLEUL',
  'M. Luc MONNET',
  'Mme Anne VANPEENE',
  'Mme Bénédicte MESSEANNE-GROBELNY',
  'M. Jean-Marc GOSSET',
]

/**
 * The secretary of the comité on a tablet: records attendance of the meeting in preparation and sees the
 * quorum computed as she taps, records a vote and sees its result, writes the deliberation, downloads its
 * extract and publishes it; a citizen reads it on the public page without signing in. Axe on each screen.
 */
describe.skipIf(!isChromiumAvailable)('governance register', { timeout: 180_000 }, () => {
  let server: TestServer
  let mailbox: Mailbox
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    mailbox = await startMailbox()
    server = await startTestServer({ SMTP_URL: mailbox.url })
    context = await launchBrowser({ viewport: { width: 820, height: 1180 } })
    const admin = showcaseLogin(server.demo, 'Administrateur·rice du syndicat')
    await signInAs(context, server.baseUrl, server.db, demoUserId(server.demo, admin))
    page = await context.newPage()
    page.on('pageerror', (error) => console.warn('PAGEERROR', error.message))
  })

  afterAll(async () => {
    await context?.close()
    await server?.close()
    await mailbox?.close()
  })

  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name })

  it('shows the seed’s meeting with what was typed beside what is computed', async () => {
    await page.goto(`${server.baseUrl}/syndicat/comite`)
    await heading('Séances du comité syndical').waitFor({ timeout: WAIT })
    await checkAtBothWidths(page, 'governance-meetings')
    await page.getByRole('link', { name: /Comité syndical du mercredi 26 juin 2019/ }).click()
    await heading(/Séance du mercredi 26 juin 2019/).waitFor({ timeout: WAIT })
    await page.getByText('Quorum : 10 sur 11 requis').waitFor({ timeout: WAIT })
    const flags = page.getByRole('region', { name: 'Écarts entre le registre saisi et le calcul de Préau' })
    await expect(flags).toContainText('Les suffrages exprimés sont 12 (pour + contre), pas 14')
    await expect(flags).toContainText('Le quorum de 11 membres présents n’est pas atteint (10)')
    await page
      .getByText('Adopté à l’unanimité des suffrages exprimés (2 abstentions)')
      .waitFor({ timeout: WAIT })
    await checkAtBothWidths(page, 'governance-seed-meeting')
  })

  it('prepares a meeting, edits the comité’s rules, and sends the convocation whose link a delegate follows', async () => {
    await page.goto(`${server.baseUrl}/syndicat/comite`)
    await heading('Séances du comité syndical').waitFor({ timeout: WAIT })
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)
    await page.getByLabel('Date').fill(day)
    await page.getByRole('button', { name: 'Créer la séance' }).click()
    await heading(/^Séance du/).waitFor({ timeout: WAIT })
    await page.getByLabel('Nouveau point à l’ordre du jour').fill('Rapport d’activité')
    await page.getByRole('button', { name: 'Ajouter le point' }).click()
    await page.getByRole('heading', { level: 3, name: '1. Rapport d’activité' }).waitFor({ timeout: WAIT })
    await checkAtBothWidths(page, 'governance-new-meeting')

    await page.goto(`${server.baseUrl}/syndicat/comite`)
    await page.getByRole('link', { name: 'Comité syndical : règles et délégués' }).click()
    await heading('Comité syndical : règles et délégués').waitFor({ timeout: WAIT })
    await page.getByLabel('Pouvoirs détenus par un membre présent').fill('0')
    await page.getByRole('button', { name: 'Enregistrer les règles' }).click()
    await page.getByText('Un membre présent peut détenir au moins un pouvoir.').waitFor({ timeout: WAIT })
    await page.getByLabel('Pouvoirs détenus par un membre présent').fill('1')
    await checkAtBothWidths(page, 'governance-body')

    await page.goto(`${server.baseUrl}/syndicat/comite`)
    await page
      .getByRole('link', { name: /^Comité syndical du/ })
      .first()
      .click()
    await heading(/^Séance du/).waitFor({ timeout: WAIT })
    await page.getByRole('button', { name: 'Envoyer la convocation par e-mail' }).click()
    const mail = await mailbox.waitFor((m) => m.subject?.startsWith('Convocation : Comité syndical') ?? false)
    expect(mail.text).toContain('Contributions des membres pour l’année à venir')
    const link = /https?:\/\/\S+\/api\/public\/convocations\/[A-Za-z0-9_-]+\/accuse/.exec(
      mail.text ?? '',
    )?.[0]
    expect(link).toBeDefined()
    const acknowledgement = await context.request.get(link as string)
    expect(await acknowledgement.text()).toContain('votre accusé de réception')
    // The page follows the sending (the job sends to every delegate, then records the meeting as sent).
    await page.getByText(/Envoyée par e-mail le/).waitFor({ timeout: WAIT })
    await page.reload()
    await page
      .getByText(/convocation reçue/)
      .first()
      .waitFor({ timeout: WAIT })
    await checkAtBothWidths(page, 'governance-convocation-sent')
  })

  it('records attendance with the quorum computed live, a vote, the deliberation, its extract and its publication', async () => {
    await page.goto(`${server.baseUrl}/syndicat/comite`)
    await heading('Séances du comité syndical').waitFor({ timeout: WAIT })
    await page
      .getByRole('link', { name: /^Comité syndical du/ })
      .first()
      .click()
    await heading(/^Séance du/).waitFor({ timeout: WAIT })
    await page.getByText('Quorum : 0 sur 11 requis').waitFor({ timeout: WAIT })
    for (const [index, name] of PRESENT.entries()) {
      await page.getByRole('button', { name: `Présent : ${name}` }).click()
      await page.getByText(`Quorum : ${index + 1} sur 11 requis`).waitFor({ timeout: WAIT })
    }
    await page
      .getByText('Le quorum étant atteint, le comité syndical peut valablement délibérer.')
      .first()
      .waitFor({ timeout: WAIT })
    await page.getByLabel('Pouvoir de Nicolas BERTIN à').selectOption({ label: 'M. Gérard PHILIPPE' })
    await page
      .getByText(/12 présents ou représentés|1 représenté/)
      .first()
      .waitFor({ timeout: WAIT })
    // A suppléant sits for an absent titulaire: one more present; then the titulaire is absent again.
    const quorumNow = async () =>
      (await page
        .getByText(/^Quorum : \d+ sur 11 requis/)
        .first()
        .textContent()) ?? ''
    const before = Number(/Quorum : (\d+)/.exec(await quorumNow())?.[1])
    const substitute = page.getByLabel('Suppléant siégeant pour Mickaël HIRAUX')
    await substitute.selectOption({ label: 'Mme Claire DUVIVIER (Département du Nord)' })
    await page
      .getByText(`Quorum : ${before + 1} sur 11 requis`)
      .first()
      .waitFor({ timeout: WAIT })
    await page.getByText('suppléé par Mme Claire DUVIVIER', { exact: false }).waitFor({ timeout: WAIT })
    await substitute.selectOption({ label: 'Aucun' })
    await page.getByText(`Quorum : ${before} sur 11 requis`).first().waitFor({ timeout: WAIT })
    await checkAtBothWidths(page, 'governance-meeting-attendance')

    const first = page.getByRole('article', { name: /^1\. / })
    await first.getByText('Appel nominal', { exact: true }).click()
    await first.getByRole('button', { name: 'Contre : M. Luc MONNET' }).click()
    await first.getByRole('button', { name: 'Pour : M. Gérard PHILIPPE pour M. Nicolas BERTIN' }).click()
    await first.getByRole('button', { name: 'Les autres votent pour' }).click()
    await first
      .getByText('12 voix : pour 11, contre 1, abstention 0, ne vote pas 0.')
      .waitFor({ timeout: WAIT })
    await checkAtBothWidths(page, 'governance-roll-call')
    await first.getByRole('button', { name: 'Enregistrer l’appel nominal du point 1' }).click()
    const rollCallWording = 'Adopté à la majorité des suffrages exprimés (11 voix pour, 1 voix contre)'
    // A refusal would show in the item's alert: wait for either, and say which.
    const outcome = first.getByText(rollCallWording).or(first.getByRole('alert'))
    await outcome.first().waitFor({ timeout: WAIT })
    expect(await outcome.first().textContent()).toBe(rollCallWording)

    const second = page.getByRole('article', { name: /^2\. / })
    await second
      .getByLabel('Se retire du point 2 (intérêt personnel)')
      .selectOption({ label: 'Mme Anne VANPEENE' })
    await second.getByText(/Pour ce point : 10 présents.*quorum non atteint/).waitFor({ timeout: WAIT })
    await second.getByRole('button', { name: 'Mme Anne VANPEENE revient pour le point 2' }).click()
    await second.getByText(/Pour ce point : 11 présents.*quorum atteint/).waitFor({ timeout: WAIT })
    // A departure before point 2, noted then cancelled: the point's quorum follows.
    const movements = page.getByRole('form', { name: 'Noter une arrivée ou un départ' })
    await movements.getByLabel('Délégué').selectOption({ label: 'M. Charles BAREGE' })
    await movements.getByLabel('Mouvement').selectOption({ label: 'Part' })
    await movements.getByLabel('Avant le point').selectOption({ index: 2 })
    await movements.getByRole('button', { name: 'Noter le mouvement' }).click()
    await page.getByText(/M\. Charles BAREGE part avant le point 2\./).waitFor({ timeout: WAIT })
    await second.getByText(/Pour ce point : 10 présents.*quorum non atteint/).waitFor({ timeout: WAIT })
    await page.getByRole('button', { name: /^Annuler : M\. Charles BAREGE part avant le point 2\./ }).click()
    await second.getByText(/Pour ce point : 11 présents.*quorum atteint/).waitFor({ timeout: WAIT })

    const vote = page.getByRole('form', { name: 'Vote du point 2' })
    await vote.getByLabel('Voix pour').fill('9')
    await vote.getByLabel('Voix contre').fill('2')
    await vote.getByLabel('Abstentions').fill('1')
    await vote.getByRole('button', { name: 'Enregistrer le vote du point 2' }).click()
    await page
      .getByText('Adopté à la majorité des suffrages exprimés (9 voix pour, 2 voix contre, 1 abstention)')
      .waitFor({ timeout: WAIT })

    await page
      .getByRole('article', { name: /^2\. / })
      .getByRole('link', { name: 'Rédiger la délibération' })
      .click()
    await heading('Rédiger la délibération').waitFor({ timeout: WAIT })
    await page.getByLabel('Objet').fill('Contributions des membres pour l’année à venir')
    await page
      .getByLabel('Visas (un par ligne, sans « Vu »)')
      .fill('le Code général des collectivités territoriales ;')
    await page
      .getByLabel('Articles (un par ligne)')
      .fill('FIXE les contributions des membres selon le tableau annexé.')
    await checkAtBothWidths(page, 'governance-deliberation-editor')
    await page.getByRole('button', { name: 'Enregistrer et numéroter' }).click()
    await heading(/^Délibération \d{4}-1$/).waitFor({ timeout: WAIT })

    const href = await page
      .getByRole('link', { name: 'Télécharger l’extrait certifié (PDF)' })
      .getAttribute('href')
    const pdf = await context.request.get(`${server.baseUrl}${href}`)
    expect(pdf.status()).toBe(200)
    expect(pdf.headers()['content-type']).toBe('application/pdf')
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')

    await page.getByLabel('Fichier PDF de l’annexe').setInputFiles({
      name: 'Tableau des contributions.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    })
    await page.getByRole('button', { name: 'Joindre l’annexe' }).click()
    await page.getByRole('link', { name: /^Tableau des contributions \(PDF/ }).waitFor({ timeout: WAIT })
    await page.getByRole('button', { name: 'Publier en ligne' }).click()
    await page.getByText(/Publiée en ligne le/).waitFor({ timeout: WAIT })
    await checkAtBothWidths(page, 'governance-deliberation')
  })

  it('lists the published deliberations to anyone, without signing in', async () => {
    const visitor = await launchBrowser({ viewport: { width: 390, height: 844 } })
    try {
      const publicPage = await visitor.newPage()
      await publicPage.goto(`${server.baseUrl}/deliberations`)
      await publicPage
        .getByRole('heading', { level: 1, name: 'Délibérations du syndicat' })
        .waitFor({ timeout: WAIT })
      await publicPage
        .getByRole('heading', { level: 2, name: /Délibération 2019-12/ })
        .waitFor({ timeout: WAIT })
      await publicPage.getByText('Mise en ligne le 2 juillet 2019').waitFor({ timeout: WAIT })
      const annex = publicPage.getByRole('link', { name: 'Annexe : Tableau des contributions (PDF)' })
      const annexFile = await visitor.request.get(`${server.baseUrl}${await annex.getAttribute('href')}`)
      expect(annexFile.status()).toBe(200)
      expect((await annexFile.body()).subarray(0, 5).toString()).toBe('%PDF-')
      const extract = await visitor.request.get(
        `${server.baseUrl}${await publicPage.getByRole('link', { name: 'Lire l’extrait 2019-12 (PDF)' }).getAttribute('href')}`,
      )
      expect(extract.status()).toBe(200)
      await checkAtBothWidths(publicPage, 'governance-public')
    } finally {
      await visitor.close()
    }
  })
})

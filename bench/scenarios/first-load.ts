import os from 'node:os'
import type { BrowserContext, CDPSession, Page } from 'playwright-core'
import { launchBrowser } from '../../e2e/fixtures/browser.ts'
import { ensureWebBuild } from '../../src/cli/web-build.ts'
import { buildDemoDeployment } from '../../src/server/demo/demo-deployment.ts'
import { DEMO_PASSWORD } from '../../src/server/demo/load-demo.ts'
import { createTempDataDir, preauEnv, spawnPreau, stopPreau } from '../lib/preau.ts'
import { type Child, findFreePort, waitForHttp } from '../lib/processes.ts'
import type { ScenarioResult } from '../lib/results.ts'
import { median, ratio, round } from '../lib/stats.ts'
import type { Table } from '../lib/table.ts'

/**
 * The first load of Préau on a parent's phone: Chromium on a slow 4G profile opens the sign-in page with
 * an empty cache, signs the demo's parent in, then opens the sign-in page again with its cache (warm).
 * Reference, in the same run and on the same profile: the page's bare HTML document alone (its scripts
 * and styles blocked), the floor any page pays before its first script.
 */
export type FirstLoadOptions = { rounds: number }

/** Slow 4G as Chrome's DevTools define it: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up. */
export const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: 200_000,
  uploadThroughput: 93_750,
} as const

/** A phone's screen: the first screen is what fits there. */
const PHONE_VIEWPORT = { width: 390, height: 844 }
/** No request started or in flight for this long: the page has pulled all it will. */
const QUIET_MS = 1_000

const TARGETS = { usableMs: 2_500, kilobytes: 200, portalMs: 2_000 }

/** The requests of one load, read from the DevTools protocol's network events. */
type Load = {
  /** Milliseconds from the navigation's start (or the click) until the page is usable. */
  ms: number
  /**
   * Of those, until the last byte the page had received by then (document, scripts, styles, API
   * answers): the rest is the browser's work (parsing, running, rendering), which a loaded machine
   * stretches.
   */
  networkMs: number
  /** The page's main-thread busy time meanwhile (tasks: scripts, style, layout, paint), in ms. */
  cpuMs: number
  requests: number
  /** Of those, the ones the browser's cache answered. */
  fromCache: number
  /** Bytes received for them as sent on the wire (compressed bodies and headers). */
  kilobytes: number
}
type Round = { html: Load; cold: Load; portal: Load; warm: Load }

export async function runFirstLoad(
  options: FirstLoadOptions,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  await ensureWebBuild(log)
  const dataDir = await createTempDataDir('first-load')
  let preau: Child | null = null
  let context: BrowserContext | null = null
  try {
    const port = await findFreePort()
    const env = preauEnv(dataDir.dir, { PORT: String(port), LOGIN_RATE_LIMIT_PER_MINUTE: '1000000' })
    log('Démarrage de Préau (base neuve, démonstration chargée)…')
    preau = spawnPreau(['serve'], env)
    const baseUrl = `http://127.0.0.1:${port}`
    await waitForHttp(`${baseUrl}/ready`, preau, { timeoutMs: 180_000 })
    const parent = demoParent()

    context = await launchBrowser({ viewport: PHONE_VIEWPORT })
    const rounds: Round[] = []
    // One unmeasured pass: Préau's first answers (its caches, PostgreSQL's) are not a phone's concern.
    log('Passage d’échauffement…')
    await measureRound(context, baseUrl, parent)
    for (let r = 1; r <= options.rounds; r++) {
      const round = await measureRound(context, baseUrl, parent)
      rounds.push(round)
      log(
        `Tour ${r}/${options.rounds} : connexion utilisable en ${round.cold.ms} ms (${round.cold.requests} requêtes, ${round.cold.kilobytes} Ko), réseau fini à ${round.cold.networkMs} ms, CPU ${round.cold.cpuMs} ms ; portail en ${round.portal.ms} ms ; à chaud ${round.warm.ms} ms`,
      )
    }
    return report(rounds, options)
  } finally {
    await context?.close()
    if (preau) await stopPreau(preau, dataDir.dir)
    await dataDir.remove()
  }
}

/** The demo's parent with children in two schools, as the `http` scenario signs in. */
function demoParent(): { login: string; firstName: string } {
  const demo = buildDemoDeployment()
  const account = demo.showcase.find((a) => a.label.startsWith('Parent'))
  const user = account && demo.users.find((u) => u.login === account.login)
  if (!user) throw new Error('La démonstration ne présente plus de compte parent.')
  return { login: user.login, firstName: user.firstName }
}

async function measureRound(
  context: BrowserContext,
  baseUrl: string,
  parent: { login: string; firstName: string },
): Promise<Round> {
  await context.clearCookies()
  const page = await context.newPage()
  try {
    const cdp = await context.newCDPSession(page)
    const network = new NetworkLog(cdp)
    await cdp.send('Network.enable')
    await cdp.send('Performance.enable')
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G)
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    const signInUrl = `${baseUrl}/connexion`

    // The reference: the HTML document alone, everything it links to blocked.
    await cdp.send('Network.setBlockedURLs', { urls: ['*/assets/*'] })
    network.reset()
    let busyBefore = await mainThreadBusyMs(cdp)
    await page.goto(signInUrl, { waitUntil: 'load' })
    const documentMs = await page.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
      return entry.responseEnd
    })
    const html = {
      ms: round(documentMs, 0),
      networkMs: round(documentMs, 0),
      cpuMs: await busySince(cdp, busyBefore),
      ...network.totals(({ blocked }) => !blocked),
    }
    await cdp.send('Network.setBlockedURLs', { urls: [] })

    // Cold: an empty cache.
    await page.goto('about:blank')
    network.reset()
    busyBefore = await mainThreadBusyMs(cdp)
    await page.goto(signInUrl, { waitUntil: 'commit' })
    const coldUsable = await waitUntilSignInUsable(page)
    const coldCpuMs = await busySince(cdp, busyBefore)
    await network.quiet()
    const cold = {
      ms: round(coldUsable.ms, 0),
      networkMs: round(coldUsable.networkMs, 0),
      cpuMs: coldCpuMs,
      ...network.totals(),
    }

    // Sign in with the form; the portal's heading greets the parent.
    await page.locator('input[name="login"]').fill(parent.login)
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
    network.reset()
    busyBefore = await mainThreadBusyMs(cdp)
    const clickedAt = await page.evaluate(() => performance.now())
    await page.locator('button[type="submit"]').click()
    const greeting = `Bonjour, ${parent.firstName}`
    const shownAt = await page.waitForFunction(
      (text) => {
        const heading = document.querySelector('h1')
        return heading?.textContent?.trim() === text && heading.checkVisibility() ? performance.now() : null
      },
      greeting,
      { polling: 'raf', timeout: 60_000 },
    )
    const portalShownAt = (await shownAt.jsonValue()) as number
    const portalCpuMs = await busySince(cdp, busyBefore)
    const portalNetworkEnd = await lastResponseEnd(page, clickedAt, portalShownAt)
    await network.quiet()
    const portal = {
      ms: round(portalShownAt - clickedAt, 0),
      networkMs: round(Math.max(portalNetworkEnd - clickedAt, 0), 0),
      cpuMs: portalCpuMs,
      ...network.totals(),
    }

    // Warm: signed out, the same page again with what the browser kept.
    await context.clearCookies()
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false })
    await page.goto('about:blank')
    network.reset()
    busyBefore = await mainThreadBusyMs(cdp)
    await page.goto(signInUrl, { waitUntil: 'commit' })
    const warmUsable = await waitUntilSignInUsable(page)
    const warmCpuMs = await busySince(cdp, busyBefore)
    await network.quiet()
    const warm = {
      ms: round(warmUsable.ms, 0),
      networkMs: round(warmUsable.networkMs, 0),
      cpuMs: warmCpuMs,
      ...network.totals(),
    }
    return { html, cold, portal, warm }
  } finally {
    await page.close()
  }
}

/**
 * Milliseconds from the start of the navigation until the login field and the submit button are shown
 * and enabled: the app has rendered, so its handlers are attached and the form answers.
 */
async function waitUntilSignInUsable(page: Page): Promise<{ ms: number; networkMs: number }> {
  const usableAt = await page.waitForFunction(
    () => {
      const shown = (element: Element | null) =>
        element instanceof HTMLElement &&
        element.checkVisibility() &&
        !(element as HTMLInputElement | HTMLButtonElement).disabled
      const ready =
        shown(document.querySelector('input[name="login"]')) &&
        shown(document.querySelector('button[type="submit"]'))
      return ready ? performance.now() : null
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  )
  const ms = (await usableAt.jsonValue()) as number
  return { ms, networkMs: await lastResponseEnd(page, 0, ms) }
}

/** The main thread's busy time so far (DevTools' `TaskDuration`), in ms. */
async function mainThreadBusyMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  return (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0) * 1000
}

/** Busy time since `before`; a navigation to a new renderer starts its count again from zero. */
async function busySince(cdp: CDPSession, before: number): Promise<number> {
  const now = await mainThreadBusyMs(cdp)
  return round(now >= before ? now - before : now, 0)
}

/** When the last response that started after `from` and ended before `until` ended (page clock). */
function lastResponseEnd(page: Page, from: number, until: number): Promise<number> {
  return page.evaluate(
    ([from, until]) =>
      Math.max(
        0,
        ...[...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
          .map((entry) => entry as PerformanceResourceTiming)
          .filter((entry) => entry.startTime >= from && entry.responseEnd <= until)
          .map((entry) => entry.responseEnd),
      ),
    [from, until] as const,
  )
}

type Request = { url: string; bytes: number; done: boolean; blocked: boolean; fromCache: boolean }

/** Every request of the page since `reset()`, with the bytes it took on the wire. */
class NetworkLog {
  #requests = new Map<string, Request>()
  #lastEvent = performance.now()

  constructor(cdp: CDPSession) {
    cdp.on('Network.requestWillBeSent', (event) => {
      this.#touch()
      // A redirect reuses the request id: the hop before it was a request of its own.
      const previous = this.#requests.get(event.requestId)
      if (previous)
        this.#requests.set(`${event.requestId}:${this.#requests.size}`, { ...previous, done: true })
      this.#requests.set(event.requestId, {
        url: event.request.url,
        bytes: 0,
        done: false,
        blocked: false,
        fromCache: false,
      })
    })
    cdp.on('Network.responseReceived', (event) => {
      const request = this.#requests.get(event.requestId)
      if (request) request.fromCache = Boolean(event.response.fromDiskCache)
    })
    cdp.on('Network.requestServedFromCache', (event) => {
      const request = this.#requests.get(event.requestId)
      if (request) request.fromCache = true
    })
    cdp.on('Network.loadingFinished', (event) => {
      this.#touch()
      const request = this.#requests.get(event.requestId)
      if (request) Object.assign(request, { bytes: event.encodedDataLength, done: true })
    })
    cdp.on('Network.loadingFailed', (event) => {
      this.#touch()
      const request = this.#requests.get(event.requestId)
      if (request) Object.assign(request, { done: true, blocked: Boolean(event.blockedReason) })
    })
  }

  #touch() {
    this.#lastEvent = performance.now()
  }

  reset() {
    this.#requests.clear()
    this.#touch()
  }

  /** Waits until nothing is in flight and nothing started for `QUIET_MS`. */
  async quiet() {
    for (;;) {
      const pending = [...this.#requests.values()].some((request) => !request.done)
      if (!pending && performance.now() - this.#lastEvent >= QUIET_MS) return
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  /** Requests (`data:` URLs aside) and the kilobytes they took. */
  totals(keep: (request: Request) => boolean = () => true): Omit<Load, 'ms' | 'networkMs' | 'cpuMs'> {
    const requests = [...this.#requests.values()].filter((r) => !r.url.startsWith('data:') && keep(r))
    const bytes = requests.reduce((sum, r) => sum + r.bytes, 0)
    return {
      requests: requests.length,
      fromCache: requests.filter((r) => r.fromCache).length,
      kilobytes: round(bytes / 1000, 1),
    }
  }
}

function report(rounds: Round[], options: FirstLoadOptions): ScenarioResult {
  const pick = (key: keyof Round) => {
    const loads = rounds.map((r) => r[key])
    return {
      ms: median(loads.map((l) => l.ms)),
      networkMs: median(loads.map((l) => l.networkMs)),
      cpuMs: median(loads.map((l) => l.cpuMs)),
      requests: median(loads.map((l) => l.requests)),
      fromCache: median(loads.map((l) => l.fromCache)),
      kilobytes: median(loads.map((l) => l.kilobytes)),
    }
  }
  const ratios = (key: keyof Round) => median(rounds.map((r) => ratio(r[key].ms, r.html.ms)))
  const html = pick('html')
  const cold = pick('cold')
  const portal = pick('portal')
  const warm = pick('warm')
  const table: Table = {
    title: `Premier chargement en 4G lente (${SLOW_4G.latency} ms, ${(SLOW_4G.downloadThroughput * 8) / 1e6} Mbit/s) — médianes de ${options.rounds} tours`,
    columns: [
      'mesure',
      'ms',
      '÷ HTML seul',
      'dont réseau ms',
      'requêtes',
      'du cache',
      'Ko transférés',
      'objectif',
    ],
    rows: [
      [
        'référence : le document HTML seul',
        html.ms,
        1,
        html.networkMs,
        html.cpuMs,
        html.requests,
        html.fromCache,
        html.kilobytes,
        '',
      ],
      [
        'connexion utilisable, cache vide',
        cold.ms,
        ratios('cold'),
        cold.networkMs,
        cold.cpuMs,
        cold.requests,
        cold.fromCache,
        cold.kilobytes,
        `< ${TARGETS.usableMs} ms, < ${TARGETS.kilobytes} Ko`,
      ],
      [
        'portail après « Se connecter »',
        portal.ms,
        ratios('portal'),
        portal.networkMs,
        portal.cpuMs,
        portal.requests,
        portal.fromCache,
        portal.kilobytes,
        `< ${TARGETS.portalMs} ms`,
      ],
      [
        'connexion utilisable, cache gardé',
        warm.ms,
        ratios('warm'),
        warm.networkMs,
        warm.cpuMs,
        warm.requests,
        warm.fromCache,
        warm.kilobytes,
        '',
      ],
    ],
    notes: [
      'ms : du début de la navigation (du clic pour le portail) à l’écran utilisable, horloge de la page',
      'connexion utilisable : champ identifiant et bouton « Se connecter » affichés et actifs',
      'dont réseau : jusqu’à la fin de la dernière réponse reçue avant (le reste : analyse, exécution, rendu)',
      'CPU page : temps occupé du fil principal de la page (scripts, styles, mise en page), que la charge de la machine étire',
      `charge de la machine au départ : ${os
        .loadavg()
        .map((load) => round(load, 1))
        .join(' / ')} (1, 5, 15 min)`,
      'requêtes et Ko : tout ce que la page tire jusqu’à 1 s sans réseau (octets sur le fil : en-têtes et corps compressés)',
      'ratio : médiane des ratios de chaque tour au document HTML seul (ses scripts et styles bloqués)',
    ],
  }
  return {
    tables: [table],
    figures: { network: SLOW_4G, viewport: PHONE_VIEWPORT, html, cold, portal, warm, rounds },
    targets: [
      {
        label: `connexion utilisable en < ${TARGETS.usableMs / 1000} s, cache vide`,
        met: cold.ms < TARGETS.usableMs,
        detail: `${cold.ms} ms (${ratios('cold')} × le HTML seul)`,
      },
      {
        label: `connexion en < ${TARGETS.kilobytes} Ko transférés, cache vide`,
        met: cold.kilobytes < TARGETS.kilobytes,
        detail: `${cold.kilobytes} Ko en ${cold.requests} requêtes`,
      },
      {
        label: `portail en < ${TARGETS.portalMs / 1000} s après la connexion`,
        met: portal.ms < TARGETS.portalMs,
        detail: `${portal.ms} ms, ${portal.requests} requêtes, ${portal.kilobytes} Ko`,
      },
    ],
  }
}

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Table } from './table.ts'

/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and says where the time went: self time by function, and by
 * origin (a package of node_modules, Préau's own sources, Node's internals, the garbage collector…), and
 * the inclusive time of Préau's own functions and of pg's `query` (what a request spends below them).
 */
type ProfileNode = {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

export type ProfileOptions = {
  top?: number
  /** Only the samples taken between these milliseconds after the profile started (the load's window). */
  window?: { fromMs: number; toMs: number }
  /** Requests served in the window: adds the time per request. */
  requests?: number
}

function summariseProfile(file: string, options: ProfileOptions = {}): Table[] {
  const { top = 20, window, requests } = options
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfMs = new Map<number, number>()
  let atUs = 0
  for (const [i, id] of profile.samples.entries()) {
    const deltaUs = profile.timeDeltas[i] ?? 0
    atUs += deltaUs
    if (window && (atUs < window.fromMs * 1000 || atUs > window.toMs * 1000)) continue
    selfMs.set(id, (selfMs.get(id) ?? 0) + deltaUs / 1000)
  }
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0)
  const parents = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id)
  const byFunction = new Map<string, number>()
  const byOrigin = new Map<string, number>()
  const inclusive = new Map<string, number>()
  for (const [id, ms] of selfMs) {
    const frame = nodes.get(id)?.callFrame
    if (!frame) continue
    byFunction.set(nameOf(frame), (byFunction.get(nameOf(frame)) ?? 0) + ms)
    const origin = originOf(frame)
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + ms)
    if (frame.functionName === '(idle)') continue
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const caller = nodes.get(at)?.callFrame
      if (!caller || !(caller.url.includes('/src/') || caller.url.endsWith('pg/lib/client.js'))) continue
      const name = nameOf(caller)
      if (!seen.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + ms)
      seen.add(name)
    }
  }
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([label, ms]) => [
        label,
        Math.round(ms),
        Math.round((1000 * ms) / total) / 10,
        ...(requests ? [Math.round((1000 * ms) / requests)] : []),
      ])
  const perRequest = requests ? ['µs / req'] : []
  const during = window
    ? `, de ${Math.round(window.fromMs / 100) / 10} à ${Math.round(window.toMs / 100) / 10} s`
    : ''
  return [
    {
      title: `Profil CPU : temps propre par origine (${Math.round(total)} ms échantillonnés${during})`,
      columns: ['origine', 'ms', '%', ...perRequest],
      rows: rows(byOrigin),
    },
    {
      title: 'Profil CPU : fonctions les plus coûteuses (temps propre)',
      columns: ['fonction', 'ms', '%', ...perRequest],
      rows: rows(byFunction),
    },
    {
      title: 'Profil CPU : temps inclusif des fonctions de Préau et des requêtes pg (appelées comprises)',
      columns: ['fonction', 'ms', '%', ...perRequest],
      rows: rows(inclusive).slice(0, 12),
    },
  ]
}

function nameOf(frame: ProfileNode['callFrame']): string {
  return `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`
}

/** The summary of the first profile V8 wrote into `dir` (none when the process did not exit cleanly). */
export function summariseProfileDir(dir: string, options: ProfileOptions = {}): Table[] {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))
  return file ? summariseProfile(path.join(dir, file), options) : []
}

function shortUrl(url: string): string {
  const inModules = url.lastIndexOf('node_modules/')
  if (inModules >= 0) return url.slice(inModules + 'node_modules/'.length)
  const inSources = url.indexOf('/src/')
  return inSources >= 0 ? url.slice(inSources + 1) : url.replace(/^node:/, 'node:')
}

function originOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame
  if (!url) return functionName.startsWith('(') ? functionName : '(natif V8 / libuv)'
  const inModules = url.lastIndexOf('node_modules/')
  if (inModules >= 0) {
    const parts = url.slice(inModules + 'node_modules/'.length).split('/')
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? url)
  }
  if (url.startsWith('node:')) return 'node (interne)'
  const inSources = url.indexOf('/src/')
  return inSources >= 0
    ? `préau ${url
        .slice(inSources + 1)
        .split('/')
        .slice(0, 3)
        .join('/')}`
    : url
}

import { readFileSync } from 'node:fs'
import type { Table } from './table.ts'

/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and says where the time went: self time by function, and by
 * origin (a package of node_modules, Préau's own sources, Node's internals, the garbage collector…).
 */
type ProfileNode = {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

export function summariseProfile(file: string, top = 20): Table[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfMs = new Map<number, number>()
  for (const [i, id] of profile.samples.entries()) {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  }
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0)
  const byFunction = new Map<string, number>()
  const byOrigin = new Map<string, number>()
  for (const [id, ms] of selfMs) {
    const frame = nodes.get(id)?.callFrame
    if (!frame) continue
    const name = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms)
    const origin = originOf(frame)
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + ms)
  }
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([label, ms]) => [label, Math.round(ms), Math.round((1000 * ms) / total) / 10])
  return [
    {
      title: `Profil CPU : temps propre par origine (${Math.round(total)} ms échantillonnés)`,
      columns: ['origine', 'ms', '%'],
      rows: rows(byOrigin),
    },
    {
      title: 'Profil CPU : fonctions les plus coûteuses (temps propre)',
      columns: ['fonction', 'ms', '%'],
      rows: rows(byFunction),
    },
  ]
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

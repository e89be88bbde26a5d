import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Table } from './table.ts'

/** A performance target and whether this run met it. */
export type Target = { label: string; met: boolean; detail: string }

/** What a scenario hands back: tables for people, figures for machines, and the targets checked. */
export type ScenarioResult = {
  tables: Table[]
  figures: Record<string, unknown>
  targets: Target[]
}

/** The machine and moment of a run: figures mean little without them. */
function describeMachine() {
  const cpus = os.cpus()
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1e8) / 10,
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  }
}

/** Writes `bench/results/<scenario>-<timestamp>.json` (the folder is gitignored) and returns its path. */
export async function writeResult(
  resultsDir: string,
  scenario: string,
  content: { startedAt: Date; options: Record<string, unknown>; result: ScenarioResult },
): Promise<string> {
  await fs.mkdir(resultsDir, { recursive: true })
  const stamp = content.startedAt.toISOString().replace(/[:.]/g, '-')
  const file = path.join(resultsDir, `${scenario}-${stamp}.json`)
  const json = {
    scenario,
    startedAt: content.startedAt.toISOString(),
    machine: describeMachine(),
    options: content.options,
    targets: content.result.targets,
    figures: content.result.figures,
  }
  await fs.writeFile(file, `${JSON.stringify(json, null, 2)}\n`)
  return file
}

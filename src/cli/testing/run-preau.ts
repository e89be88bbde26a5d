import { spawn } from 'node:child_process'
import path from 'node:path'
import { PROJECT_ROOT } from '../../server/project.ts'

/** The `preau` command as users run it. */
export const PREAU_BIN = path.join(PROJECT_ROOT, 'bin', 'preau.js')

export type PreauRun = { code: number | null; stdout: string; stderr: string }

/**
 * Runs `preau …` as its own process to completion, with only the given environment (plus PATH): what
 * the command prints and its exit code, as a person at a terminal would see them.
 */
export function runPreau(
  args: string[],
  env: Record<string, string> = {},
  node = process.execPath,
): Promise<PreauRun> {
  return new Promise((resolve) => {
    const child = spawn(node, [PREAU_BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      cwd: PROJECT_ROOT,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

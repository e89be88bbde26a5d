import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { PROJECT_ROOT } from '../server/project.ts'

const WEB_OUT = path.join(PROJECT_ROOT, 'dist', 'web')
const STAMP = path.join(WEB_OUT, '.source-fingerprint')
const INPUTS = [
  'src/web',
  'src/contract',
  'index.html',
  'vite.config.ts',
  'scripts/vite-precompress.ts',
  'package-lock.json',
]

/**
 * Builds the web app with Vite when its sources changed since the last build (or it was never built),
 * so `npm start` on a fresh clone serves the SPA and a warm start costs only a fingerprint (~10 ms).
 */
export async function ensureWebBuild(log: (line: string) => void): Promise<void> {
  const fingerprint = await fingerprintSources()
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === fingerprint) return
  log("Construction de l'interface web (première fois ou sources modifiées)…")
  const started = Date.now()
  const { build } = await import('vite')
  // Always the production app: under Vitest NODE_ENV is `test`, and Vite would ship React's development build.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({
      configFile: path.join(PROJECT_ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      mode: 'production',
    })
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
  }
  await fs.writeFile(STAMP, fingerprint)
  log(`Interface web construite en ${((Date.now() - started) / 1000).toFixed(1)} s.`)
}

/** Paths, sizes and modification times of every input: cheap, and changes whenever a source does. */
async function fingerprintSources(): Promise<string> {
  const hash = createHash('sha256')
  for (const input of INPUTS) {
    const full = path.join(PROJECT_ROOT, input)
    if (!existsSync(full)) continue
    const stat = statSync(full)
    const files = stat.isDirectory()
      ? (await fs.readdir(full, { recursive: true, withFileTypes: true }))
          .filter((entry) => entry.isFile() && !/\.test\.tsx?$/.test(entry.name))
          .map((entry) => path.join(entry.parentPath, entry.name))
          .sort()
      : [full]
    for (const file of files) {
      const { size, mtimeMs } = statSync(file)
      hash.update(`${path.relative(PROJECT_ROOT, file)}:${size}:${mtimeMs}\n`)
    }
  }
  return hash.digest('hex')
}

#!/usr/bin/env node
// The `preau` command. Préau's sources are TypeScript run by Node ≥ 22.18 directly (type stripping).
// An older Node (the machine's own, when called outside npm) hands over to the Node the project installs.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const cli = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url))
if (process.features.typescript) {
  const { main } = await import(cli)
  await main(process.argv.slice(2))
} else {
  const projectNode = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url))
  if (!existsSync(projectNode)) {
    console.error(
      `Préau demande Node.js 22.18 ou plus récent (ici ${process.version}) : lancez « npm ci » dans le projet.`,
    )
    process.exit(1)
  }
  const result = spawnSync(projectNode, [cli, ...process.argv.slice(2)], { stdio: 'inherit' })
  process.exit(result.status ?? 1)
}

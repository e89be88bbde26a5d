#!/usr/bin/env node
// The `preau` command. Préau requires the Node of package.json's `engines` (the README says the same)
// and installs its own Node 24, which runs the TypeScript sources directly (type stripping). A Node
// without type stripping (the machine's own, when called outside npm) hands over to the project's.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const cli = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url))
const args = process.argv.slice(2)
// The server runs with the Node flags of `npm start` (package.json), whichever way it is started.
const { scripts, engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
const serverFlags = scripts.start.split(/\s+/).filter((word) => word.startsWith('--'))
const needsFlags = args[0] === 'serve' && serverFlags.some((flag) => !process.execArgv.includes(flag))
if (process.features.typescript && !needsFlags) {
  const { main } = await import(cli)
  await main(args)
} else {
  const projectNode = process.features.typescript
    ? process.execPath
    : fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url))
  if (!existsSync(projectNode)) {
    console.error(
      `Préau demande Node.js ${engines.node.replace('>=', '≥ ')} (ici ${process.version}) et le Node qu’il installe : lancez « npm ci » dans le projet.`,
    )
    process.exit(1)
  }
  const flags = args[0] === 'serve' ? serverFlags : []
  const child = spawn(projectNode, [...flags, cli, ...args], { stdio: 'inherit' })
  // Passed on: from a supervisor the signal reaches this process alone. From a terminal the child
  // gets it too, and takes the same signal twice in a row as one.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

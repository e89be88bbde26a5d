import fs from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import type { Plugin } from 'vite'

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/** Text formats worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|webmanifest)$/

/**
 * Writes a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy of every text asset of the build
 * next to it, for `@fastify/static`'s `preCompressed`: the strongest settings cost seconds once, at
 * build time, instead of CPU on every request. Small files too: the server would otherwise compress
 * them on every request. Source maps are left out (only developer tools fetch them, compressed on the
 * fly); a copy that would not be smaller is not written.
 */
export function precompress(): Plugin {
  let outDir = ''
  return {
    name: 'preau:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir)
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name))
      await Promise.all(files.map((name) => compressFile(path.join(outDir, name))))
    },
  }
}

/** Writes `file.br` and `file.gz`, each when it is smaller than `file`. */
export async function compressFile(file: string): Promise<void> {
  const content = await fs.readFile(file)
  const [br, gz] = await Promise.all([
    brotli(content, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
    gzip(content, { level: zlib.constants.Z_BEST_COMPRESSION }),
  ])
  await Promise.all([
    br.length < content.length ? fs.writeFile(`${file}.br`, br) : null,
    gz.length < content.length ? fs.writeFile(`${file}.gz`, gz) : null,
  ])
}

import { PassThrough } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate'
import { accountRow, filesOf, findPersonalReferences, rowsNaming, updateExport } from './export.queries.ts'

/** An archive stays downloadable this long, then it is deleted. */
export const EXPORT_LIFETIME_DAYS = 7

const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`)

const README = `Vos données dans Préau

Ce dossier contient tout ce que Préau enregistre à votre sujet :
- compte.json : votre compte (identifiant, nom, contacts, dates) ;
- donnees/<table>.json : chaque ligne qui vous concerne, table par table (écoles, classes, familles,
  sessions, appareils, charte acceptée, journal des actions faites par vous…) ;
- fichiers/ : les fichiers que vous avez déposés, et fichiers.json qui les décrit.
Les mots de passe et les clés de connexion n'y figurent pas : ils ne sont lisibles par personne.
Les statistiques d'usage ne vous nomment pas : elles ne peuvent pas être rattachées à vous.
`

/**
 * Prepares « Mes données »: a zip of JSON (one file per table that names the person) and of their
 * files, streamed into the blob store as it is written; progress is saved as the tables are read.
 */
export async function prepareExport(app: FastifyInstance, exportId: string, userId: string): Promise<void> {
  await updateExport(app.db, exportId, { status: 'running', progress: 1 })
  try {
    const out = new PassThrough()
    let zipError: Error | null = null
    const zip = new Zip((error, chunk, final) => {
      if (error) {
        zipError = error
        out.destroy(error)
        return
      }
      out.write(chunk)
      if (final) out.end()
    })
    const stored = app.blobs.put(out, {
      fileName: 'mes-donnees-preau.zip',
      allow: ['application/zip'],
      createdBy: null,
    })
    const addJson = (name: string, value: unknown) => {
      const entry = new ZipDeflate(name, { level: 6 })
      zip.add(entry)
      entry.push(json(value), true)
    }
    const readme = new ZipDeflate('LISEZ-MOI.txt')
    zip.add(readme)
    readme.push(strToU8(README), true)
    addJson('compte.json', await accountRow(app.db, userId))

    const references = await findPersonalReferences(app.db)
    const files = await filesOf(app.db, userId)
    const steps = references.length + files.length
    let done = 0
    const advance = async () => {
      done++
      await updateExport(app.db, exportId, { progress: Math.min(95, Math.round((done / steps) * 95)) })
    }
    for (const reference of references) {
      const rows = await rowsNaming(app.db, reference, userId)
      const name = `${reference.table.replaceAll('"', '')}${reference.column === 'user_id' ? '' : `.${reference.column}`}`
      if (rows.length > 0) addJson(`donnees/${name}.json`, rows)
      await advance()
    }
    addJson('fichiers.json', files)
    for (const file of files) {
      const opened = await app.blobs.open(file.id)
      if (opened) {
        // Stored contents are compressed already (pictures, PDF): kept as they are.
        const entry = new ZipPassThrough(`fichiers/${file.id.slice(0, 8)}-${file.fileName}`)
        zip.add(entry)
        for await (const chunk of opened.stream) entry.push(chunk as Uint8Array)
        entry.push(new Uint8Array(0), true)
      }
      await advance()
    }
    zip.end()
    const blob = await stored
    if (zipError) throw zipError
    const now = new Date()
    await updateExport(app.db, exportId, {
      status: 'ready',
      progress: 100,
      blobId: blob.id,
      finishedAt: now,
      expiresAt: new Date(now.getTime() + EXPORT_LIFETIME_DAYS * 86_400_000),
    })
  } catch (error) {
    app.log.error({ err: error, exportId }, 'personal data export failed')
    await updateExport(app.db, exportId, { status: 'failed', finishedAt: new Date() })
  }
}

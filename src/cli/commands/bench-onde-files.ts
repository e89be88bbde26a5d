import path from 'node:path'
import { OndeFilesError, type OndeFilesSummary, writeOndeFiles } from '../../../bench/data/onde-files.ts'
import { CliError } from '../exit-codes.ts'

/**
 * `preau bench onde-files --schools N --out DIR [--seed S] [--json]`: writes ONDE exports (pupils,
 * guardians, teachers) for the N schools `preau bench data --pupils <N × 120> --seed S` creates, one folder
 * per UAI, for `preau import onde DIR`. Needs no database. Progress on stderr; the summary (or its JSON)
 * on stdout.
 */
export async function benchOndeFiles(options: {
  schools: number
  out: string
  seed: number
  json?: boolean
}): Promise<void> {
  const out = path.resolve(options.out)
  let nextStep = 0.1
  let summary: OndeFilesSummary
  try {
    summary = await writeOndeFiles({
      schools: options.schools,
      seed: options.seed,
      out,
      onProgress: ({ schoolsDone, schools, pupils }) => {
        // A line every tenth: readable in a terminal and in the benchmark harness's log alike.
        if (schoolsDone < schools && schoolsDone / schools < nextStep) return
        nextStep += 0.1
        console.error(`  ${format(schoolsDone)}/${format(schools)} écoles, ${format(pupils)} élèves`)
      },
    })
  } catch (error) {
    if (error instanceof OndeFilesError) throw new CliError(error.message)
    throw error
  }
  if (options.json) {
    console.log(JSON.stringify({ ...summary, out }, null, 2))
    return
  }
  console.log(
    `Exports ONDE écrits en ${summary.seconds.toFixed(1)} s (graine ${summary.seed}) dans ${out} : ${format(summary.schools)} écoles, un dossier par UAI.`,
  )
  const table: [string, string][] = [
    ['Élèves', format(summary.pupils)],
    ['Lignes de responsables', format(summary.guardians)],
    ['  enfants rattachés', format(summary.childLinks)],
    ['Enseignants', format(summary.teachers)],
    ['Fichiers', `${format(summary.files)} (${format(Math.round(summary.bytes / 1e6))} Mo)`],
    ['Mémoire (pic)', `${format(summary.maxRssMb)} Mo`],
  ]
  const width = Math.max(...table.map(([label]) => label.length))
  for (const [label, value] of table) console.log(`  ${label.padEnd(width)}  ${value}`)
  console.log(
    `Structures correspondantes : preau bench data --pupils ${options.schools * 120} --seed ${summary.seed} --structures-only`,
  )
}

const format = (value: number) => value.toLocaleString('fr-FR')

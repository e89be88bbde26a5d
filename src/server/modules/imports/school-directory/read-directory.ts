import type { SchoolDirectoryAnomaly } from '../../../../contract/school-directory.ts'
import type { ImportAnomaly } from '../parsing/anomalies.ts'
import { isImportFileError } from '../parsing/errors.ts'
import { openImportFile } from '../parsing/read-file.ts'
import type { DirectorySchoolRecord } from '../parsing/records.ts'
import { SchoolDirectoryInputError } from './errors.ts'

/**
 * Reads a directory file for one collectivity, streaming: only the schools of its communes are kept (a
 * few hundred among the 65,000 lines of the national file), the others are counted. Nothing here touches
 * the database, so an upload never holds a connection while it arrives.
 */

export type DirectoryReading = {
  encoding: string
  /** Usable lines of the whole file. */
  recordCount: number
  /** The schools of the collectivity's communes, in file order. */
  records: DirectorySchoolRecord[]
  /** Lines of other communes. */
  ignoredOtherCommunes: number
  /** Anomalies of reading, and schools of the collectivity the directory places in another commune. */
  anomalies: SchoolDirectoryAnomaly[]
}

export type ReadDirectoryOptions = {
  file: string
  maxBytes: number
  /** The INSEE codes of the communes the collectivity covers. */
  communeCodes: readonly string[]
  /** The UAIs of the collectivity's schools, to notice one the directory places elsewhere. */
  knownUais: ReadonlySet<string>
}

/**
 * Reads the file; throws `SchoolDirectoryInputError` when it cannot be read, lacks a mandatory column or
 * has nothing under its headers.
 */
export async function readDirectory(
  source: AsyncIterable<Uint8Array | string>,
  options: ReadDirectoryOptions,
): Promise<DirectoryReading> {
  const { file } = options
  const communes = new Set(options.communeCodes)
  try {
    const opened = await openImportFile(source, { file, maxBytes: options.maxBytes, expectedKind: 'schools' })
    const reading: DirectoryReading = {
      encoding: '',
      recordCount: 0,
      records: [],
      ignoredOtherCommunes: 0,
      anomalies: [],
    }
    const rejections: ImportAnomaly[] = []
    // The anomalies of a line come just before its record (when it has one): they are kept only for a
    // line of the collectivity, so the national file's oddities elsewhere do not drown its report.
    let pending: ImportAnomaly[] = []
    const flush = () => {
      reading.anomalies.push(...pending.map((anomaly) => fromReading(anomaly, null)))
      pending = []
    }
    for await (const item of opened.items) {
      if (item.type === 'anomaly') {
        const anomaly = item.anomaly
        if (anomaly.outcome === 'file-rejected') rejections.push(anomaly)
        else if (anomaly.code === 'mixed-encoding') reading.anomalies.push(fromReading(anomaly, null))
        else {
          if (pending.length > 0 && pending[0]!.line !== anomaly.line) flush()
          pending.push(anomaly)
        }
        continue
      }
      const record = item.record as DirectorySchoolRecord
      reading.recordCount++
      const ownLine = pending
        .filter((anomaly) => anomaly.line === record.line)
        .map((anomaly) => fromReading(anomaly, record.uai))
      pending = pending.filter((anomaly) => anomaly.line !== record.line)
      flush()
      if (communes.has(record.inseeCode)) {
        reading.records.push(record)
        reading.anomalies.push(...ownLine)
      } else if (options.knownUais.has(record.uai)) {
        reading.anomalies.push(...ownLine, outsideCommunes(record))
      } else {
        reading.ignoredOtherCommunes++
      }
    }
    flush()
    reading.encoding = opened.encoding
    refuseRejectedFile(file, rejections, reading)
    return reading
  } catch (error) {
    if (isImportFileError(error)) throw new SchoolDirectoryInputError(error.code, error.message)
    throw error
  }
}

/** A missing column, or a file with no line at all under its headers, refuses the whole file. */
function refuseRejectedFile(file: string, rejections: ImportAnomaly[], reading: DirectoryReading): void {
  const missing = rejections.filter((anomaly) => anomaly.code === 'missing-column')
  if (missing.length > 0) {
    throw new SchoolDirectoryInputError(
      'missing-column',
      `« ${file} » n’est pas utilisable : ${missing.map((anomaly) => anomaly.message).join(' ; ')}`,
    )
  }
  const noRows = rejections.find((anomaly) => anomaly.code === 'no-rows')
  // Lines that all failed are worth listing one by one; a file with nothing under its headers is not.
  if (noRows && reading.anomalies.length === 0) {
    throw new SchoolDirectoryInputError('no-rows', `« ${file} » : ${noRows.message}`)
  }
  if (noRows) reading.anomalies.push(fromReading(noRows, null))
}

function fromReading(anomaly: ImportAnomaly, uai: string | null): SchoolDirectoryAnomaly {
  return { file: anomaly.file, line: anomaly.line, code: anomaly.code, message: anomaly.message, uai }
}

function outsideCommunes(record: DirectorySchoolRecord): SchoolDirectoryAnomaly {
  const commune = record.communeName ? `${record.communeName} (${record.inseeCode})` : record.inseeCode
  return {
    file: record.file,
    line: record.line,
    code: 'commune-not-covered',
    message: `l’annuaire situe l’école ${record.uai}, de la collectivité, à ${commune}, commune qu’elle ne couvre pas : l’école n’est pas modifiée. Vérifiez les communes de la collectivité.`,
    uai: record.uai,
  }
}

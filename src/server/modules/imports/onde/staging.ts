import { sql } from 'kysely'
import type { ImportedFile, ImportFileKind } from '../../../../contract/imports.ts'
import type { Db } from '../../../db/connection.ts'
import { displayName, loginBase } from '../../identity/index.ts'
import type { ImportAnomaly } from '../parsing/anomalies.ts'
import { ImportFileError } from '../parsing/errors.ts'
import { openImportFile } from '../parsing/read-file.ts'
import type { GuardianRecord, PupilRecord, TeacherRecord } from '../parsing/records.ts'
import { stripAccents } from '../parsing/text.ts'
import type { StagedRows } from './staged-rows.ts'

/**
 * Staging: the records of a run's files go into the run's UNLOGGED tables, a few thousand rows per
 * statement, while the file is still being read — memory stays bounded whatever the size of the files.
 * Anomalies of reading go with them. Nothing outside the run's own rows changes here.
 */

/** One file of a run, read from `source`, for the school `schoolId`. */
export interface StagedFileInput {
  name: string
  schoolId: string
  /** The school's UAI when the run covers several schools (shown with the file). */
  uai: string | null
  /** The upload slot; without it the kind comes from the headers. */
  kind?: ImportFileKind
  /** The bytes, streamed (or in memory: any iterable of chunks). */
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>
}

const BATCH_ROWS = 2_000
/** Arrays of values travel as one text joined by this separator (never in a cleaned CSV cell). */
const SEP = '\u001f'

/** « JEAN-PHILIPPE » → « Jean-Philippe »: a first name typed in capitals reads better as a name. */
function tidyFirstName(firstName: string): string {
  if (firstName !== firstName.toLocaleUpperCase('fr') || !/\p{L}{2}/u.test(firstName)) return firstName
  return firstName
    .toLocaleLowerCase('fr')
    .replace(/(^|[\s'’-])(\p{L})/gu, (_, sep, letter) => sep + letter.toLocaleUpperCase('fr'))
}

/** The key of a postal address: folded, only letters and digits. Null when there is none. */
function addressKey(address: string | null, postcode: string | null): string | null {
  if (!address) return null
  return `${stripAccents(address)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()}|${postcode ?? ''}`
}

type Columns = Record<string, unknown[]>

/**
 * Rows of one staging table, sent a batch at a time. One batch is in flight while the next is built:
 * reading the file (Node) and inserting (PostgreSQL) then use both cores. An insert that fails is thrown
 * at the next push or at `flush`.
 */
class StagingBuffer {
  private columns: Columns = {}
  private inFlight: Promise<unknown> = Promise.resolve()
  rows = 0
  private readonly db: Db
  private readonly insert: (db: Db, columns: Columns) => Promise<unknown>
  constructor(db: Db, insert: (db: Db, columns: Columns) => Promise<unknown>) {
    this.db = db
    this.insert = insert
  }
  push(row: Record<string, unknown>): Promise<unknown> | undefined {
    for (const [key, value] of Object.entries(row)) {
      const column = this.columns[key] ?? []
      this.columns[key] = column
      column.push(value)
    }
    this.rows++
    return this.rows % BATCH_ROWS === 0 ? this.send() : undefined
  }
  /** Starts sending the batch built so far; resolves when the batch before it is in. */
  private send(): Promise<unknown> {
    const columns = this.columns
    this.columns = {}
    const previous = this.inFlight
    this.inFlight = previous.then(() =>
      Object.keys(columns).length > 0 ? this.insert(this.db, columns) : undefined,
    )
    // Nobody may wait on the last batch before `flush`: keep its failure for then, not unhandled.
    this.inFlight.catch(() => {})
    return previous
  }
  async flush(): Promise<void> {
    await this.send()
    await this.inFlight
  }
}

const insertPupils = (runId: string) => (db: Db, c: Columns) =>
  sql`
  insert into import_pupils (run_id, school_id, line, file, last_name, first_name, display_name, login_base,
    birth_date, class_name, level, class_levels, image_consent)
  select ${runId}, t.school_id, t.line, t.file, t.last_name, t.first_name, t.display_name, t.login_base,
    t.birth_date::date, t.class_name, t.level, string_to_array(t.class_levels, ${SEP}), t.image_consent
  from unnest(${c.schoolId}::uuid[], ${c.line}::int[], ${c.file}::text[], ${c.lastName}::text[],
    ${c.firstName}::text[], ${c.displayName}::text[], ${c.loginBase}::text[], ${c.birthDate}::text[],
    ${c.className}::text[], ${c.level}::text[], ${c.classLevels}::text[], ${c.imageConsent}::text[])
    as t(school_id, line, file, last_name, first_name, display_name, login_base, birth_date, class_name,
      level, class_levels, image_consent)
`.execute(db)

const insertGuardians = (runId: string) => (db: Db, c: Columns) =>
  sql`
  insert into import_guardians (run_id, school_id, line, file, last_name, first_name, display_name,
    login_base, email, phones, address_key, person_line)
  select ${runId}, t.school_id, t.line, t.file, t.last_name, t.first_name, t.display_name, t.login_base,
    t.email, string_to_array(t.phones, ${SEP}), t.address_key, t.line
  from unnest(${c.schoolId}::uuid[], ${c.line}::int[], ${c.file}::text[], ${c.lastName}::text[],
    ${c.firstName}::text[], ${c.displayName}::text[], ${c.loginBase}::text[], ${c.email}::text[],
    ${c.phones}::text[], ${c.addressKey}::text[])
    as t(school_id, line, file, last_name, first_name, display_name, login_base, email, phones, address_key)
`.execute(db)

const insertChildren = (runId: string) => (db: Db, c: Columns) =>
  sql`
  insert into import_guardian_children (run_id, school_id, line, n, last_name, first_name, class_name)
  select ${runId}, t.*
  from unnest(${c.schoolId}::uuid[], ${c.line}::int[], ${c.n}::smallint[], ${c.lastName}::text[],
    ${c.firstName}::text[], ${c.className}::text[]) as t
`.execute(db)

const insertTeachers = (runId: string) => (db: Db, c: Columns) =>
  sql`
  insert into import_teachers (run_id, school_id, line, file, last_name, first_name, display_name, login_base,
    email, phone, is_director, class_names)
  select ${runId}, t.school_id, t.line, t.file, t.last_name, t.first_name, t.display_name, t.login_base,
    t.email, t.phone, t.is_director, string_to_array(t.class_names, ${SEP})
  from unnest(${c.schoolId}::uuid[], ${c.line}::int[], ${c.file}::text[], ${c.lastName}::text[],
    ${c.firstName}::text[], ${c.displayName}::text[], ${c.loginBase}::text[], ${c.email}::text[],
    ${c.phone}::text[], ${c.isDirector}::boolean[], ${c.classNames}::text[])
    as t(school_id, line, file, last_name, first_name, display_name, login_base, email, phone, is_director,
      class_names)
`.execute(db)

const insertAnomalies = (runId: string) => (db: Db, c: Columns) =>
  sql`
  insert into import_anomalies (run_id, school_id, file, line, code, message, outcome, field)
  select ${runId}, t.*
  from unnest(${c.schoolId}::uuid[], ${c.file}::text[], ${c.line}::int[], ${c.code}::text[],
    ${c.message}::text[], ${c.outcome}::text[], ${c.field}::text[]) as t
`.execute(db)

function person(lastName: string, firstName: string) {
  const first = tidyFirstName(firstName)
  return {
    lastName,
    firstName: first,
    displayName: displayName(first, lastName),
    loginBase: loginBase(first, lastName),
  }
}

/** The staging of one run: call `stageFile` for each file, then `finish`. */
export class RunStaging {
  private readonly pupils: StagingBuffer
  private readonly guardians: StagingBuffer
  private readonly children: StagingBuffer
  private readonly teachers: StagingBuffer
  private readonly anomalies: StagingBuffer
  private readonly seen = new Set<string>()
  private readonly maxBytes: number
  readonly runId: string

  constructor(db: Db, runId: string, maxBytes: number) {
    this.runId = runId
    this.maxBytes = maxBytes
    this.pupils = new StagingBuffer(db, insertPupils(runId))
    this.guardians = new StagingBuffer(db, insertGuardians(runId))
    this.children = new StagingBuffer(db, insertChildren(runId))
    this.teachers = new StagingBuffer(db, insertTeachers(runId))
    this.anomalies = new StagingBuffer(db, insertAnomalies(runId))
  }

  /** Reads one file into the run. Throws `ImportFileError` when it cannot be read at all. */
  async stageFile(input: StagedFileInput, onBytes?: (bytes: number) => void): Promise<ImportedFile> {
    let bytes = 0
    async function* counted(): AsyncGenerator<Uint8Array | string> {
      for await (const chunk of input.source) {
        bytes += chunk.length
        onBytes?.(chunk.length)
        yield chunk
      }
    }
    const opened = await openImportFile(counted(), {
      file: input.name,
      maxBytes: this.maxBytes,
      ...(input.kind ? { expectedKind: input.kind } : {}),
    })
    const kind = opened.kind
    if (kind === 'schools') {
      await opened.items.return(undefined)
      throw new ImportFileError(
        'wrong-file-kind',
        input.name,
        `« ${input.name} » est un fichier de l’annuaire des écoles : il s’importe depuis la page de la collectivité, pas ici.`,
      )
    }
    const slot = `${input.schoolId}:${kind}`
    if (this.seen.has(slot)) {
      await opened.items.return(undefined)
      throw new ImportFileError(
        'wrong-file-kind',
        input.name,
        `« ${input.name} » est un deuxième fichier des ${kind === 'pupils' ? 'élèves' : kind === 'guardians' ? 'responsables' : 'enseignants'} pour la même école : déposez un seul fichier de chaque sorte.`,
      )
    }
    this.seen.add(slot)
    let records = 0
    const { schoolId } = input
    for await (const item of opened.items) {
      if (item.type === 'anomaly') {
        await this.addAnomaly(schoolId, item.anomaly)
        continue
      }
      records++
      const record = item.record
      if (record.type === 'pupil') await this.addPupil(schoolId, record)
      else if (record.type === 'guardian') await this.addGuardian(schoolId, record)
      else if (record.type === 'teacher') await this.addTeacher(schoolId, record)
    }
    return { name: input.name, kind, encoding: opened.encoding, bytes, records, uai: input.uai }
  }

  private addAnomaly(schoolId: string, anomaly: ImportAnomaly) {
    return this.anomalies.push({
      schoolId,
      file: anomaly.file,
      line: anomaly.line,
      code: anomaly.code,
      message: anomaly.message,
      outcome: anomaly.outcome,
      field: anomaly.field ?? null,
    })
  }

  private addPupil(schoolId: string, r: PupilRecord) {
    return this.pupils.push({
      schoolId,
      line: r.line,
      file: r.file,
      ...person(r.lastName, r.firstName),
      birthDate: r.birthDate,
      className: r.className,
      level: r.level,
      classLevels: r.classLevels.join(SEP),
      imageConsent: r.imageConsent,
    })
  }

  private async addGuardian(schoolId: string, r: GuardianRecord) {
    await this.guardians.push({
      schoolId,
      line: r.line,
      file: r.file,
      ...person(r.lastName, r.firstName),
      email: r.email,
      phones: r.phones.join(SEP),
      addressKey: addressKey(r.address, r.postcode),
    })
    for (const [i, child] of r.children.entries()) {
      await this.children.push({
        schoolId,
        line: r.line,
        n: i + 1,
        lastName: child.lastName,
        firstName: child.firstName,
        className: child.className,
      })
    }
  }

  private addTeacher(schoolId: string, r: TeacherRecord) {
    return this.teachers.push({
      schoolId,
      line: r.line,
      file: r.file,
      ...person(r.lastName, r.firstName),
      email: r.email,
      phone: r.phones[0] ?? null,
      isDirector: r.isDirector,
      classNames: r.classNames.join(SEP),
    })
  }

  /** The rows sent to each table: recorded with the run, checked before it is planned or applied. */
  stagedRows(): StagedRows {
    return {
      pupils: this.pupils.rows,
      guardians: this.guardians.rows,
      guardianChildren: this.children.rows,
      teachers: this.teachers.rows,
      anomalies: this.anomalies.rows,
    }
  }

  /** Sends the rows still buffered. */
  async finish(): Promise<void> {
    for (const buffer of [this.pupils, this.guardians, this.children, this.teachers, this.anomalies]) {
      await buffer.flush()
    }
  }
}

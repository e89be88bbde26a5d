import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../server/project.ts'
import { addMember, buildUser, linkFamily } from '../../server/testing/factories.ts'
import { type Mailbox, recipients, startMailbox } from '../../server/testing/mailbox.ts'
import { createTestApp, type TestApp } from '../../server/testing/test-app.ts'
import { createTestDatabase, type TestDatabase } from '../../server/testing/test-database.ts'
import { buildWorld, type World } from '../../server/testing/world.ts'
import { runPreau } from '../testing/run-preau.ts'

const SAMPLE = path.join(PROJECT_ROOT, 'src', 'server', 'modules', 'imports', 'parsing', 'fixtures')

/**
 * `preau import onde --apply` where the director decided « C’est la même personne »: the parent joins
 * the school with her account and is told by e-mail — queued by the command, sent by a running server.
 */
describe('preau import onde --apply, a person joining with her account', { timeout: 120_000 }, () => {
  let database: TestDatabase
  let world: World
  let mailbox: Mailbox
  let server: TestApp
  let corinne: string

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await buildWorld(database.db)
    mailbox = await startMailbox()
    server = await createTestApp(database, { SMTP_URL: mailbox.url })
    const user = await buildUser(database.db, { firstName: 'Corinne', lastName: 'ADJIBEL' })
    corinne = user.id
    await database.db
      .updateTable('users')
      .set({ email: 'corinne.a@exemple.fr' })
      .where('id', '=', corinne)
      .execute()
    await addMember(database.db, { schoolId: world.other.id, userId: corinne, profile: 'parent' })
    await linkFamily(database.db, {
      schoolId: world.other.id,
      pupilId: world.other.pupilId,
      parentId: corinne,
    })
    const { personKey } = await database.db
      .selectFrom('users')
      .select('personKey')
      .where('id', '=', corinne)
      .executeTakeFirstOrThrow()
    await database.db
      .insertInto('importAccountDecisions')
      .values({
        schoolId: world.own.id,
        profile: 'parent',
        personKey: personKey!,
        otherUserId: corinne,
        decision: 'same',
      })
      .execute()
  })
  afterAll(async () => {
    await server.app.close()
    await mailbox.close()
    await database.drop()
  })

  it('joins her account to the school and e-mails her, as the web import does', async () => {
    const { uai } = await database.db
      .selectFrom('schools')
      .select('uai')
      .where('id', '=', world.own.id)
      .executeTakeFirstOrThrow()
    const files = ['CSVExtraction-eleves.csv', 'CSVExtraction-responsables.csv'].map((name) =>
      path.join(SAMPLE, name),
    )
    const run = await runPreau(['import', 'onde', '--school', uai, ...files, '--apply'], {
      DATABASE_URL: database.url,
    })
    expect(run.stderr).not.toMatch(/erreur|error/i)
    expect(run.stdout).toContain('appliqué')
    const schools = await database.db
      .selectFrom('memberships')
      .select('schoolId')
      .where('userId', '=', corinne)
      .execute()
    expect(schools.map((row) => row.schoolId).sort()).toEqual([world.own.id, world.other.id].sort())
    const mail = await mailbox.waitFor((m) => recipients(m).includes('corinne.a@exemple.fr'))
    expect(mail.subject).toMatch(/votre compte rejoint/)
  })
})

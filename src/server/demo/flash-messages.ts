import { sql } from 'kysely'
import type { Db } from '../db/connection.ts'
import type { DemoDeployment } from './demo-deployment.ts'

/**
 * One current banner per demo school, posted by its director for the parents: a parent who signs in
 * finds it at the top of every page, and a director finds it in the school's « Messages flash ».
 * Shown from yesterday to two weeks from today (Paris days), so a demo loaded today has it for a while.
 */
export async function loadDemoFlashMessages(trx: Db, demo: DemoDeployment): Promise<void> {
  const directors = new Map(
    demo.memberships.filter((m) => m.functions.includes('director')).map((m) => [m.schoolId, m.userId]),
  )
  for (const school of demo.schools) {
    const { rows } = await sql<{ id: string }>`
      insert into flash_messages (issuer_kind, issuer_school_id, text, profiles, all_schools, starts_on, ends_on, created_by)
      values ('school', ${school.id}, ${bannerText(school.name)}, array['parent'], false,
        (now() at time zone 'Europe/Paris')::date - 1, (now() at time zone 'Europe/Paris')::date + 14,
        ${directors.get(school.id) ?? null})
      returning id`.execute(trx)
    await trx
      .insertInto('flashMessageSchools')
      .values({ schoolId: school.id, messageId: rows[0]!.id })
      .execute()
  }
}

function bannerText(schoolName: string): string {
  return `${schoolName} : la réunion de rentrée des parents a lieu jeudi à 18 h, dans la salle polyvalente.`
}

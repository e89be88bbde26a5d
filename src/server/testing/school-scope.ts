import type { Db } from '../db/connection.ts'
import { openSchoolScope, type SchoolScope } from '../plugins/tenancy.ts'

/**
 * A school's scope for a test that calls queries directly, as the policy plugin opens it for a request
 * once the actor's access is checked (the test stands for that check). `db` is the test database's
 * handle (`createTestDatabase().db` or `app.db`).
 */
export function openSchoolScopeForTest(db: Db, schoolId: string): SchoolScope {
  return openSchoolScope(db, schoolId)
}

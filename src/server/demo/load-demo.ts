import { sql } from 'kysely'
import { CURRENT_CHARTER } from '../../contract/deployment.ts'
import type { Db } from '../db/connection.ts'
import { storeActivationCodes } from '../modules/accounts/index.ts'
import { hashPassword } from '../modules/identity/index.ts'
import type { BlobStorage } from '../plugins/blobs/index.ts'
import { buildDemoDeployment, type DemoDeployment } from './demo-deployment.ts'
import { loadDemoFeed } from './feed.ts'
import { loadDemoFlashMessages } from './flash-messages.ts'
import { loadGovernanceDemo } from './governance.ts'
import { loadDemoMembers } from './members.ts'
import { loadDemoMessaging } from './messaging.ts'
import { loadDemoPersonMerges } from './person-merge.ts'
import { loadDemoStatistics } from './statistics.ts'

/** The password of every demo account, printed at start. Demo deployments are for trying Préau only. */
export const DEMO_PASSWORD = 'preau-demo'

/** Validity of the codes of the demo's class still to activate: the default of a deployment. */
const DEMO_ACTIVATION_CODE_DAYS = 60

/** True when no deployment was ever set up in this database (no syndicate row). */
export async function isDeploymentEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('syndicate').select(sql<number>`1`.as('one')).limit(1).executeTakeFirst()
  return row === undefined
}

/**
 * Writes the demo deployment in one transaction (all or nothing) and returns what was written.
 * Refuses when a deployment already exists: a demo never mixes with real data.
 */
export async function loadDemoDeployment(
  db: Db,
  today = new Date(),
  options: { blobStorage?: BlobStorage } = {},
): Promise<DemoDeployment> {
  const demo = buildDemoDeployment(today)
  // One hash for all: the same known password, and 400 argon2id runs would take ten seconds.
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  await db.transaction().execute(async (trx) => {
    if (!(await isDeploymentEmpty(trx))) {
      throw new Error(
        'Cette base contient déjà un déploiement : la démonstration ne se charge que dans une base vide.',
      )
    }
    await trx.insertInto('syndicate').values(demo.syndicate).execute()
    await trx.insertInto('collectivities').values(demo.collectivities).execute()
    await trx.insertInto('schools').values(demo.schools).execute()
    await trx.updateTable('schoolYears').set({ isCurrent: false }).execute()
    await trx
      .insertInto('schoolYears')
      .values({ ...demo.schoolYear, isCurrent: true })
      .execute()
    await trx
      .insertInto('classes')
      .values(demo.classes.map((c) => ({ ...c, schoolYearId: demo.schoolYear.id })))
      .execute()
    const now = new Date()
    const awaiting = new Set(demo.awaitingActivation)
    await trx
      .insertInto('users')
      .values(
        demo.users.map((u) =>
          awaiting.has(u.id)
            ? { ...u, passwordHash: null, activatedAt: null, charterAcceptedAt: null }
            : { ...u, passwordHash, activatedAt: now, charterAcceptedAt: now },
        ),
      )
      .execute()
    await trx.insertInto('memberships').values(demo.memberships).execute()
    await trx.insertInto('classMembers').values(demo.classMembers).execute()
    await trx.insertInto('familyLinks').values(demo.familyLinks).execute()
    await trx.insertInto('adminRoles').values(demo.adminRoles).execute()
    await storeActivationCodes(trx, demo.awaitingActivation, DEMO_ACTIVATION_CODE_DAYS)
    const activated = demo.users.filter((u) => !awaiting.has(u.id))
    await trx
      .insertInto('charterAcceptances')
      .values(activated.map((u) => ({ userId: u.id, version: CURRENT_CHARTER.version })))
      .execute()
    // The files of the demo's messages go to the blob store when one is given (the start, `preau demo load`).
    const messagingItems = await loadDemoMessaging(trx, demo, now, options.blobStorage)
    await loadGovernanceDemo(trx, today, demo.syndicate.siren)
    await loadDemoMembers(trx, demo, today)
    await loadDemoPersonMerges(trx, demo)
    await loadDemoFlashMessages(trx, demo)
    await loadDemoFeed(trx, demo, now, messagingItems)
    await loadDemoStatistics(trx, today)
  })
  return demo
}

import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { Db } from '../db/connection.ts'
import { storeActivationCodes } from '../modules/accounts/index.ts'
import { writeAudit } from '../modules/audit/index.ts'
import { performMerge } from '../modules/person-merge/index.ts'
import type { DemoDeployment } from './demo-deployment.ts'

const DAY = 86_400_000

/**
 * One person, one account, in the demo (ADR 0014). The parent with children in two schools was imported
 * once per school, then the syndicate's administrator merged the two accounts two days ago: the merge is
 * real (made by the module, undoable for 28 more days), so « Comptes en double » shows it. And a
 * « doublon possible »: a parent of the maternelle whose namesake, imported later in the primaire of the
 * other collectivity, shares no e-mail or phone with her — for the syndicate to decide.
 */
export async function loadDemoPersonMerges(trx: Db, demo: DemoDeployment): Promise<void> {
  const adminId = demo.adminRoles.find((role) => role.role === 'syndicate_admin')!.userId
  const now = Date.now()
  const taken = new Set(demo.users.map((user) => user.login))
  const freeLogin = (base: string) => {
    let n = 2
    while (taken.has(`${base}${n}`)) n++
    taken.add(`${base}${n}`)
    return `${base}${n}`
  }

  // The merged case: the showcased parent's second school came with a second account.
  const parentLogin = demo.showcase.find((entry) => entry.label.startsWith('Parent'))!.login
  const parent = demo.users.find((user) => user.login === parentLogin)!
  const parentSchools = [
    ...new Set(
      demo.memberships.filter((m) => m.userId === parent.id && m.profile === 'parent').map((m) => m.schoolId),
    ),
  ]
  const secondSchool = parentSchools.at(-1)!
  const duplicateId = randomUUID()
  const duplicateLogin = freeLogin(parent.login)
  await trx
    .insertInto('users')
    .values({
      id: duplicateId,
      login: duplicateLogin,
      firstName: parent.firstName,
      lastName: parent.lastName,
      displayName: parent.displayName,
      email: parent.email,
      createdAt: new Date(now - 20 * DAY),
    })
    .execute()
  if (parentSchools.length > 1) {
    await sql`update memberships set user_id = ${duplicateId} where user_id = ${parent.id} and school_id = ${secondSchool}`.execute(
      trx,
    )
    await sql`update family_links set parent_id = ${duplicateId} where parent_id = ${parent.id} and school_id = ${secondSchool}`.execute(
      trx,
    )
  }
  const mergeId = await performMerge(trx, {
    keptId: parent.id,
    mergedId: duplicateId,
    actorId: adminId,
    undoDays: 30,
    at: new Date(now - 2 * DAY),
  })
  await writeAudit(
    trx,
    { actorId: adminId, ip: null },
    {
      action: 'personMerge.merge',
      target: { type: 'user', id: parent.id },
      details: { mergedUserId: duplicateId, mergedLogin: duplicateLogin, keptLogin: parent.login, mergeId },
    },
  )

  // The possible duplicate: a maternelle parent of one school, and her namesake in the primaire.
  const maternelle = demo.schools.find((school) => school.kind === 'maternelle')!
  const primaire = demo.schools.find((school) => school.kind === 'primaire')!
  const awaiting = new Set(demo.awaitingActivation)
  const oneSchoolParents = demo.users.filter((user) => {
    const schools = demo.memberships.filter((m) => m.userId === user.id)
    return (
      user.id !== parent.id &&
      !awaiting.has(user.id) &&
      schools.length === 1 &&
      schools[0]!.schoolId === maternelle.id &&
      schools[0]!.profile === 'parent'
    )
  })
  const original = oneSchoolParents[0]!
  const pupil = demo.memberships.find((m) => m.schoolId === primaire.id && m.profile === 'pupil')!
  const namesake = {
    id: randomUUID(),
    login: freeLogin(original.login),
    firstName: original.firstName,
    lastName: original.lastName,
    displayName: original.displayName,
    birthDate: null,
    email: null,
  }
  await trx.insertInto('users').values(namesake).execute()
  const membership = { schoolId: primaire.id, userId: namesake.id, profile: 'parent' as const, functions: [] }
  await trx.insertInto('memberships').values(membership).execute()
  const link = { schoolId: primaire.id, pupilId: pupil.userId, parentId: namesake.id }
  await trx.insertInto('familyLinks').values(link).execute()
  await storeActivationCodes(trx, [namesake.id], 60)
  demo.users.push(namesake)
  demo.memberships.push(membership)
  demo.familyLinks.push(link)
  demo.personMerges = {
    merged: { keptLogin: parent.login, mergedLogin: duplicateLogin },
    possibleDuplicate: { displayName: original.displayName, logins: [original.login, namesake.login] },
  }
}

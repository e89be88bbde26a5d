import { sql } from 'kysely'
import type { Db } from '../db/connection.ts'
import { computeAdoptedRule } from '../modules/contributions/index.ts'
import type { DemoDeployment } from './demo-deployment.ts'

/**
 * The demo's back-office: both collectivities members since their deliberations, with their legal
 * population and a contact; the schools' deployment with its history; the IEN and the digital adviser
 * attached to the circonscription; the contribution rules of last year and this year (adopted, this
 * year computed on the counts of the day the demo is loaded) and next year's draft to simulate.
 */
export async function loadDemoMembers(db: Db, demo: DemoDeployment, today: Date): Promise<void> {
  const day = today.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' })
  const year = Number(day.slice(0, 4))
  const [valmont, deuxVallees] = demo.collectivities
  if (!valmont || !deuxVallees) return

  await db
    .insertInto('members')
    .values([
      {
        collectivityId: valmont.id,
        adheredOn: '2020-01-06',
        adhesionDeliberation: '2019-18',
        adhesionDeliberationOn: '2019-12-12',
        population: valmont.population,
        populationYear: year - 3,
      },
      {
        collectivityId: deuxVallees.id,
        adheredOn: `${year - 1}-09-01`,
        adhesionDeliberation: `${year - 1}-11`,
        adhesionDeliberationOn: `${year - 1}-06-19`,
        population: deuxVallees.population,
        populationYear: year - 3,
      },
    ])
    .execute()
  await db
    .insertInto('memberContacts')
    .values([
      {
        collectivityId: valmont.id,
        name: 'Mme Sandrine Delattre',
        role: 'Directrice générale des services',
        email: 'dgs@valmont.example.fr',
        phone: '03 27 00 00 01',
      },
      {
        collectivityId: deuxVallees.id,
        name: 'M. Karim Benali',
        role: 'Responsable du service éducation',
        email: 'education@deux-vallees.example.fr',
        phone: null,
      },
    ])
    .execute()

  // Valmont's two schools opened two years ago; the Deux Vallées' school is being prepared.
  const steps: { schoolId: string; status: 'requested' | 'preparing' | 'open'; effectiveOn: string }[] = []
  for (const school of demo.schools) {
    if (school.collectivityId === valmont.id)
      steps.push(
        { schoolId: school.id, status: 'requested', effectiveOn: `${year - 2}-03-02` },
        { schoolId: school.id, status: 'preparing', effectiveOn: `${year - 2}-05-11` },
        { schoolId: school.id, status: 'open', effectiveOn: `${year - 2}-09-01` },
      )
    else
      steps.push(
        { schoolId: school.id, status: 'requested', effectiveOn: `${year - 1}-09-15` },
        { schoolId: school.id, status: 'preparing', effectiveOn: `${year - 1}-11-03` },
      )
  }
  await db.insertInto('schoolDeploymentEvents').values(steps).execute()
  // Each school is on record since its deployment was requested (contributions count the schools a
  // member had at the reference date: a demo loaded for a past day still has them).
  for (const school of demo.schools) {
    const requested = steps.find((step) => step.schoolId === school.id && step.status === 'requested')
    if (requested)
      await sql`update schools set created_at = ${`${requested.effectiveOn}T08:00:00Z`}::timestamptz
                where id = ${school.id}`.execute(db)
  }
  await db
    .insertInto('schoolDeployments')
    .values(
      demo.schools.map((school) => {
        const own = steps.filter((step) => step.schoolId === school.id)
        const on = (status: string) => own.find((step) => step.status === status)?.effectiveOn ?? null
        return {
          schoolId: school.id,
          status: own.at(-1)?.status ?? 'requested',
          requestedOn: on('requested'),
          preparingOn: on('preparing'),
          openedOn: on('open'),
        }
      }),
    )
    .execute()

  // The académie's two people of the demo, in the order the demo made them: the IEN, then the adviser.
  const academics = [
    ...new Set(demo.memberships.filter((m) => m.profile === 'academic').map((m) => m.userId)),
  ]
  const circonscription = demo.schools[0]?.circonscription
  if (circonscription && academics.length >= 2)
    await db
      .insertInto('academicAssignments')
      .values([
        { userId: academics[0] as string, circonscription, role: 'ien' },
        { userId: academics[1] as string, circonscription, role: 'digital_adviser' },
      ])
      .execute()

  const rates = { perMemberCents: 50_000, perPupilAccountCents: 150, perInhabitantCents: 5 }
  const [, current] = await db
    .insertInto('contributionRules')
    .values([
      {
        year: year - 1,
        status: 'adopted',
        referenceOn: `${year - 2}-10-01`,
        ...rates,
        perSchoolCents: 0,
        perClassCents: 0,
        floorCents: 100_000,
        deliberation: `${year - 2}-21`,
        deliberationOn: `${year - 2}-12-10`,
        adoptedAt: new Date(`${year - 2}-12-10T18:00:00Z`),
      },
      {
        year,
        status: 'adopted',
        referenceOn: day,
        ...rates,
        perSchoolCents: 20_000,
        perClassCents: 3_000,
        floorCents: 100_000,
        capCents: 1_500_000,
        deliberation: `${year - 1}-24`,
        deliberationOn: `${year - 1}-12-09`,
        adoptedAt: new Date(`${year - 1}-12-09T18:00:00Z`),
      },
      {
        year: year + 1,
        referenceOn: day,
        ...rates,
        perMemberCents: 55_000,
        perSchoolCents: 20_000,
        perClassCents: 3_500,
        floorCents: 100_000,
        capCents: 1_500_000,
      },
    ])
    .returning('id')
    .execute()
  if (current) await computeAdoptedRule(db, current.id)
}

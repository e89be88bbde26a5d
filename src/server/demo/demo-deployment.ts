import { randomUUID } from 'node:crypto'
import { luhnCheckDigit, uaiCheckLetter } from '../../contract/codes.ts'
import type { ClassLevel, Profile, SchoolKind } from '../../contract/structures.ts'
import { displayName, firstFreeLogin, loginBase } from '../modules/identity/logins.ts'
import { ADULT_FIRST_NAMES, CHILD_FIRST_NAMES, pick, SURNAMES, seededRandom } from './names.ts'

/**
 * The demo deployment, described in memory before it is written: one syndicate, a commune and an EPCI,
 * three schools (maternelle, élémentaire, primaire) with their classes, and about 400 people of every
 * profile. Fictional names and places, with identifiers in the real formats (valid UAI and SIREN).
 */
type DemoUser = {
  id: string
  login: string
  firstName: string
  lastName: string
  displayName: string
  birthDate: string | null
  email: string | null
}

export type DemoDeployment = {
  syndicate: {
    name: string
    siren: string
    address: string
    dpoName: string
    dpoEmail: string
    dpoAddress: string
  }
  collectivities: {
    id: string
    kind: 'commune' | 'epci'
    name: string
    siren: string
    inseeCode: string | null
    communeCodes: string[]
    population: number
  }[]
  schools: {
    id: string
    collectivityId: string
    uai: string
    name: string
    kind: SchoolKind
    inseeCode: string
    circonscription: string
  }[]
  schoolYear: { id: string; label: string; startsOn: string; endsOn: string }
  classes: { id: string; schoolId: string; name: string; levels: ClassLevel[] }[]
  users: DemoUser[]
  memberships: { schoolId: string; userId: string; profile: Profile; functions: 'director'[] }[]
  classMembers: { schoolId: string; classId: string; userId: string; role: 'pupil' | 'teacher' | 'staff' }[]
  familyLinks: { schoolId: string; pupilId: string; parentId: string }[]
  adminRoles: {
    userId: string
    role: 'syndicate_admin' | 'collectivity_admin'
    collectivityId: string | null
  }[]
  /**
   * Accounts of the first days of a school year: imported, with an activation code, not yet activated
   * (the pupils of one class and their parents), so that its teacher has connection sheets to print.
   */
  awaitingActivation: string[]
  /** The accounts printed at start, one per kind of user. */
  showcase: { label: string; login: string }[]
  /** Set once written (`person-merge.ts`): the merge the demo made, and a possible duplicate to decide. */
  personMerges?: {
    merged: { keptLogin: string; mergedLogin: string }
    possibleDuplicate: { displayName: string; logins: [string, string] }
  }
}

const siren = (eight: string) => eight + luhnCheckDigit(eight)
const uai = (seven: string) => seven + uaiCheckLetter(seven)

type ClassPlan = {
  name: string
  levels: ClassLevel[]
  pupils: number
  birthYear: number
  /** Its families have just been imported: accounts with a code, not yet activated, no older sibling. */
  isAwaitingActivation?: boolean
}

/** The school year running on `today`: from 1 September to 31 August. */
export function schoolYearOf(today: Date): { label: string; startsOn: string; endsOn: string } {
  const year = today.getUTCMonth() >= 8 ? today.getUTCFullYear() : today.getUTCFullYear() - 1
  return { label: `${year}-${year + 1}`, startsOn: `${year}-09-01`, endsOn: `${year + 1}-08-31` }
}

export function buildDemoDeployment(today = new Date(), seed = 2019_12): DemoDeployment {
  const random = seededRandom(seed)
  const year = schoolYearOf(today)
  const startYear = Number(year.label.slice(0, 4))
  const takenLogins = new Set<string>()
  const d: DemoDeployment = {
    syndicate: {
      name: 'Syndicat mixte Préau Numérique',
      siren: siren('25590001'),
      address: '12 rue des Écoles\n59990 Valmont-sur-Escaut',
      dpoName: 'Délégué à la protection des données du syndicat',
      dpoEmail: 'dpo@preau-numerique.example.fr',
      dpoAddress:
        'Syndicat mixte Préau Numérique, à l’attention du DPO\n12 rue des Écoles\n59990 Valmont-sur-Escaut',
    },
    collectivities: [],
    schools: [],
    schoolYear: { id: randomUUID(), ...year },
    classes: [],
    users: [],
    memberships: [],
    classMembers: [],
    familyLinks: [],
    adminRoles: [],
    awaitingActivation: [],
    showcase: [],
  }

  const person = (
    firstName: string,
    lastName: string,
    birthDate: string | null,
    withEmail: boolean,
  ): DemoUser => {
    const login = firstFreeLogin(loginBase(firstName, lastName), (l) => takenLogins.has(l))
    takenLogins.add(login)
    const user: DemoUser = {
      id: randomUUID(),
      login,
      firstName,
      lastName,
      displayName: displayName(firstName, lastName),
      birthDate,
      email: withEmail ? `${login}@example.fr` : null,
    }
    d.users.push(user)
    return user
  }
  const adult = () => person(pick(random, ADULT_FIRST_NAMES), pick(random, SURNAMES), null, true)
  const join = (schoolId: string, user: DemoUser, profile: Profile, director = false) =>
    d.memberships.push({ schoolId, userId: user.id, profile, functions: director ? ['director'] : [] })

  const valmont = {
    id: randomUUID(),
    kind: 'commune' as const,
    name: 'Commune de Valmont-sur-Escaut',
    siren: siren('21599900'),
    inseeCode: '59990',
    communeCodes: ['59990'],
    population: 12_480,
  }
  const deuxVallees = {
    id: randomUUID(),
    kind: 'epci' as const,
    name: 'Communauté de communes des Deux Vallées',
    siren: siren('24599100'),
    inseeCode: null,
    communeCodes: ['59991', '59992'],
    population: 18_310,
  }
  d.collectivities.push(valmont, deuxVallees)

  const circonscription = "Circonscription d'inspection du 1er degré de Valmont"
  const schools = [
    {
      id: randomUUID(),
      collectivityId: valmont.id,
      uai: uai('0599901'),
      name: 'École maternelle Les Coquelicots',
      kind: 'maternelle' as const,
      inseeCode: '59990',
      circonscription,
    },
    {
      id: randomUUID(),
      collectivityId: valmont.id,
      uai: uai('0599902'),
      name: 'École élémentaire Jules Ferry',
      kind: 'elementaire' as const,
      inseeCode: '59990',
      circonscription,
    },
    {
      id: randomUUID(),
      collectivityId: deuxVallees.id,
      uai: uai('0599903'),
      name: 'École primaire Marie Curie',
      kind: 'primaire' as const,
      inseeCode: '59991',
      circonscription,
    },
  ]
  d.schools.push(...schools)
  const [maternelle, elementaire, primaire] = schools as [
    (typeof schools)[0],
    (typeof schools)[0],
    (typeof schools)[0],
  ]

  const plans: Record<string, ClassPlan[]> = {
    [maternelle.id]: [
      { name: 'Petite section', levels: ['PS'], pupils: 16, birthYear: startYear - 3 },
      {
        name: 'Moyenne section',
        levels: ['MS'],
        pupils: 16,
        birthYear: startYear - 4,
        isAwaitingActivation: true,
      },
      { name: 'Grande section', levels: ['GS'], pupils: 16, birthYear: startYear - 5 },
    ],
    [elementaire.id]: [
      { name: 'CP', levels: ['CP'], pupils: 13, birthYear: startYear - 6 },
      { name: 'CE1', levels: ['CE1'], pupils: 13, birthYear: startYear - 7 },
      { name: 'CE2', levels: ['CE2'], pupils: 13, birthYear: startYear - 8 },
      { name: 'CM1-CM2', levels: ['CM1', 'CM2'], pupils: 13, birthYear: startYear - 9 },
    ],
    [primaire.id]: [
      { name: 'PS-MS-GS', levels: ['PS', 'MS', 'GS'], pupils: 17, birthYear: startYear - 4 },
      { name: 'CP-CE1', levels: ['CP', 'CE1'], pupils: 17, birthYear: startYear - 7 },
      { name: 'CE2-CM1-CM2', levels: ['CE2', 'CM1', 'CM2'], pupils: 17, birthYear: startYear - 9 },
    ],
  }

  const families: { lastName: string; parents: DemoUser[] }[] = []
  const newFamily = (isAwaitingActivation = false) => {
    const lastName = pick(random, SURNAMES)
    const parents = [person(pick(random, ADULT_FIRST_NAMES), lastName, null, true)]
    if (random() < 0.8) parents.push(adult()) // one family in five has a single legal guardian here
    const family = { lastName, parents }
    // Families still to activate are kept apart: a younger sibling elsewhere would need an active parent.
    if (isAwaitingActivation) d.awaitingActivation.push(...parents.map((parent) => parent.id))
    else families.push(family)
    return family
  }
  for (const school of schools) {
    for (const plan of plans[school.id] ?? []) {
      const klass = { id: randomUUID(), schoolId: school.id, name: plan.name, levels: plan.levels }
      d.classes.push(klass)
      for (let i = 0; i < plan.pupils; i++) {
        // One pupil in five is the younger sibling of an earlier pupil, possibly of another school.
        const isSibling = !plan.isAwaitingActivation && random() < 0.2 && families.length > 0
        const family = isSibling ? pick(random, families) : newFamily(plan.isAwaitingActivation)
        const month = String(1 + Math.floor(random() * 12)).padStart(2, '0')
        const day = String(1 + Math.floor(random() * 28)).padStart(2, '0')
        const pupil = person(
          pick(random, CHILD_FIRST_NAMES),
          family.lastName,
          `${plan.birthYear}-${month}-${day}`,
          false,
        )
        if (plan.isAwaitingActivation) d.awaitingActivation.push(pupil.id)
        join(school.id, pupil, 'pupil')
        d.classMembers.push({ schoolId: school.id, classId: klass.id, userId: pupil.id, role: 'pupil' })
        for (const parent of family.parents) {
          const isMember = d.memberships.some(
            (m) => m.schoolId === school.id && m.userId === parent.id && m.profile === 'parent',
          )
          if (!isMember) join(school.id, parent, 'parent')
          d.familyLinks.push({ schoolId: school.id, pupilId: pupil.id, parentId: parent.id })
        }
      }
    }
  }

  const classesOf = (schoolId: string) => d.classes.filter((c) => c.schoolId === schoolId)
  const teach = (user: DemoUser, schoolId: string, classIds: string[], director = false) => {
    join(schoolId, user, 'teacher', director)
    for (const classId of classIds)
      d.classMembers.push({ schoolId, classId, userId: user.id, role: 'teacher' })
  }
  const teachers: Record<string, DemoUser[]> = {}
  for (const school of schools) {
    teachers[school.id] = classesOf(school.id).map((klass, index) => {
      const teacher = adult()
      teach(teacher, school.id, [klass.id], index === 0)
      return teacher
    })
  }
  // A part-time teacher completes the primaire's CP-CE1 and also teaches in the élémentaire (RPI-like).
  const sharedTeacher = adult()
  teach(sharedTeacher, primaire.id, [classesOf(primaire.id)[1]!.id])
  teach(sharedTeacher, elementaire.id, [classesOf(elementaire.id)[3]!.id])

  const staff = (schoolId: string, classIds: string[]) => {
    const user = adult()
    join(schoolId, user, 'staff')
    for (const classId of classIds) d.classMembers.push({ schoolId, classId, userId: user.id, role: 'staff' })
    return user
  }
  const atsems = classesOf(maternelle.id).map((klass) => staff(maternelle.id, [klass.id]))
  staff(primaire.id, [classesOf(primaire.id)[0]!.id])
  staff(elementaire.id, [classesOf(elementaire.id)[0]!.id]) // AESH
  staff(primaire.id, [classesOf(primaire.id)[2]!.id]) // AESH
  staff(elementaire.id, [])
  staff(primaire.id, [])

  const agents = [adult(), adult(), adult(), adult()]
  for (const agent of agents.slice(0, 2))
    for (const school of [maternelle, elementaire]) join(school.id, agent, 'collectivity_agent')
  for (const agent of agents.slice(2)) join(primaire.id, agent, 'collectivity_agent')
  d.adminRoles.push({ userId: agents[0]!.id, role: 'collectivity_admin', collectivityId: valmont.id })
  d.adminRoles.push({ userId: agents[2]!.id, role: 'collectivity_admin', collectivityId: deuxVallees.id })

  const ien = adult()
  const cpcNumerique = adult()
  for (const school of schools) {
    join(school.id, ien, 'academic')
    join(school.id, cpcNumerique, 'academic')
  }
  join(elementaire.id, adult(), 'guest')
  join(maternelle.id, adult(), 'guest')

  const syndicateAdmins = [adult(), adult()]
  for (const admin of syndicateAdmins)
    d.adminRoles.push({ userId: admin.id, role: 'syndicate_admin', collectivityId: null })

  const twoSchoolParent = d.users.find((user) => {
    const schoolsOfUser = new Set(
      d.memberships.filter((m) => m.userId === user.id && m.profile === 'parent').map((m) => m.schoolId),
    )
    return schoolsOfUser.size > 1
  })
  const firstPupilOf = (schoolId: string) =>
    d.users.find((u) =>
      d.memberships.some((m) => m.userId === u.id && m.schoolId === schoolId && m.profile === 'pupil'),
    )!
  const parentOfFirstPupil = d.users.find((u) => d.familyLinks.some((f) => f.parentId === u.id))!
  d.showcase = [
    { label: `Directeur·rice — ${elementaire.name}`, login: teachers[elementaire.id]![0]!.login },
    {
      label: `Enseignant·e — ${maternelle.name} (Moyenne section : comptes à activer)`,
      login: teachers[maternelle.id]![1]!.login,
    },
    { label: 'Parent (enfants dans deux écoles)', login: (twoSchoolParent ?? parentOfFirstPupil).login },
    { label: `Élève — ${elementaire.name}`, login: firstPupilOf(elementaire.id).login },
    { label: 'ATSEM', login: atsems[0]!.login },
    { label: `Administrateur·rice — ${valmont.name}`, login: agents[0]!.login },
    { label: 'IEN de circonscription', login: ien.login },
    { label: 'Administrateur·rice du syndicat', login: syndicateAdmins[0]!.login },
  ]
  return d
}

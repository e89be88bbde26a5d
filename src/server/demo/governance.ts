import type { Db } from '../db/connection.ts'
import { CGCT_DEFAULT_RULES, parisDay } from '../modules/governance/domain/body-rules.ts'
import { SEED_2019_12_ATTENDANCE } from '../modules/governance/domain/seed-2019-12.ts'

/** The text of deliberation 2019-12 as printed (visas, considérants abridged to their first words where long). */
export const SEED_2019_12_TEXT = {
  object:
    'Modalités d’exercice par le Syndicat de la compétence « usages numériques / NTIC en matière de numérique éducatif »',
  visas: [
    'le Code Général des Collectivités Territoriales ;',
    'la loi n° 2013-595 du 8 juillet 2013 d’orientation et de programmation pour la refondation de l’école de la République ;',
    'le Schéma directeur des espaces numériques de travail (SDET) dans sa dernière version en date d’avril 2018 ;',
    'les statuts du Syndicat, tels que modifiés par délibération du 28 novembre 2018, et notamment l’article 4.2 relatif à la compétence du Syndicat en matière d’usages numériques / NTIC en matière de numérique éducatif ;',
  ],
  considerants: [
    'que, à la suite de la loi pour la refondation de l’Ecole et de la République du 8 juillet 2013, les communes et EPCI poursuivent, aux côtés des autres collectivités territoriales et leurs groupements ainsi que de l’Etat, l’objectif d’un développement du numérique éducatif des établissements scolaires, compte tenu de leur compétence en matière d’usages numériques ;',
    'que l’Environnement Numérique de Travail (ENT) est un service éducatif numérique offrant à chaque membre de la communauté éducative un accès dédié, sécurisé et simplifié, aux informations et outils dont il a besoin pour son activité, mis en œuvre par les collectivités territoriales en lien avec l’Education Nationale ;',
    'que, sur le territoire des Hauts-de-France, de nombreuses solutions d’ENT sont déployées depuis plusieurs années de façon hétérogène ;',
    'que l’intervention du SMO Nord Pas-de-Calais Numérique se fonde sur un transfert de compétence de la part des communes ou des EPCI compétents en matière de numérique éducatif ;',
    'que, pour que la compétence puisse être effectivement exercée par le Syndicat, il convient d’adopter les décisions qui permettront sa bonne prise en charge ;',
    'que, dans cette perspective, le Syndicat s’est rapproché de l’Académie de Lille afin de déterminer ensemble leurs modalités respectives d’intervention ;',
  ],
  articles: [
    'APPROUVE le cahier des conditions administratives techniques et financières d’exercice de la compétence par le Syndicat, annexé à la présente.',
    'APPROUVE la convention de partenariat pour la mise en œuvre d’un ENT dans les établissements d’enseignement élémentaire et maternel du territoire des Hauts de France entre le Syndicat et l’Education Nationale.',
    'AUTORISE Monsieur le Président à signer tout document ainsi qu’à prendre toute mesure d’exécution de la présente délibération.',
  ],
  annexes: [
    'Projet de Cahier des Conditions Administratives, Techniques et financières',
    'Projet de Convention de Partenariat avec l’Education Nationale',
  ],
}

const splitName = (name: string) => {
  const [first, ...last] = name.split(' ')
  return { firstName: first as string, lastName: last.join(' ') }
}

/** The seat of the seed's delegate `line` (the `index`-th of its list) as a titulaire of `bodyId`. */
function titulaire(bodyId: string, line: (typeof SEED_2019_12_ATTENDANCE)[number], index: number) {
  return {
    bodyId,
    memberName: line.collectivity,
    civility: line.civility,
    ...splitName(line.name),
    email: `delegue${index + 1}@preau-numerique.example.fr`,
    seat: 'titulaire' as const,
    mandateStart: '2015-12-13',
  }
}

/**
 * The register of the demo: the comité syndical and its bureau, the twenty delegates of the seed and two
 * suppléants, five of them on the bureau, the meeting of 26 June 2019 typed as printed (its flags: quorum of 11 present not met,
 * suffrages exprimés 12 not 14), its deliberation 2019-12 published, and a meeting in preparation three
 * weeks ahead. `adminUserId` (the syndicate's administrator) is linked to the president's seat, so the
 * register is also read as a delegate.
 */
export async function loadGovernanceDemo(
  db: Db,
  today: Date,
  siren: string,
): Promise<{ seedMeetingId: string; nextMeetingId: string }> {
  const [comite, bureau] = await db
    .insertInto('governanceBodies')
    .values([
      {
        kind: 'comite',
        name: 'Comité syndical',
        rules: JSON.stringify(CGCT_DEFAULT_RULES),
        siret: `${siren}00018`,
      },
      {
        kind: 'bureau',
        name: 'Bureau syndical',
        rules: JSON.stringify(CGCT_DEFAULT_RULES),
        siret: `${siren}00018`,
      },
    ])
    .returning('id')
    .execute()
  const bodyId = comite!.id
  const delegates = await db
    .insertInto('governanceDelegates')
    .values([
      ...SEED_2019_12_ATTENDANCE.map((line, index) => titulaire(bodyId, line, index)),
      {
        bodyId,
        memberName: 'Département du Nord',
        civility: 'Mme' as const,
        firstName: 'Claire',
        lastName: 'DUVIVIER',
        email: 'suppleante.nord@preau-numerique.example.fr',
        seat: 'suppleant' as const,
        mandateStart: '2015-12-13',
      },
      {
        bodyId,
        memberName: 'Département du Pas-de-Calais',
        civility: 'M.' as const,
        firstName: 'Hervé',
        lastName: 'CARON',
        email: null,
        wantsPaper: true,
        seat: 'suppleant' as const,
        mandateStart: '2015-12-13',
      },
    ])
    .returning(['id', 'firstName', 'lastName'])
    .execute()
  const idOf = new Map(delegates.map((d) => [`${d.firstName} ${d.lastName}`, d.id]))
  const president = idOf.get('Christophe COULON') ?? null
  // The bureau: the president and the first delegates of the seed's list, elected among the comité.
  const seats = SEED_2019_12_ATTENDANCE.map((line, index) => [index, line] as const)
  const bureauSeats = [
    ...seats.filter(([, line]) => line.name === 'Christophe COULON'),
    ...seats.filter(([, line]) => line.name !== 'Christophe COULON').slice(0, 4),
  ]
  await db
    .insertInto('governanceDelegates')
    .values(bureauSeats.map(([index, line]) => titulaire(bureau!.id, line, index)))
    .execute()

  const [seed] = await db
    .insertInto('governanceMeetings')
    .values({
      bodyId,
      heldAt: new Date('2019-06-26T08:00:00Z'),
      place: 'dans les locaux du Conseil régional des Hauts-de-France',
      presidentId: president,
      convocationChannel: 'paper',
      convocationSentAt: new Date('2019-06-20T08:00:00Z'),
      typedAttendance: JSON.stringify({ present: 10, absent: 0, excused: 10, proxies: 4 }),
    })
    .returning('id')
    .execute()
  const seedMeetingId = seed!.id
  await db
    .insertInto('governanceAttendance')
    .values(
      SEED_2019_12_ATTENDANCE.map((line) => ({
        meetingId: seedMeetingId,
        delegateId: idOf.get(line.name) as string,
        status: line.status,
        proxyHolderId: line.proxyHolderId ? (idOf.get(line.proxyHolderId) ?? null) : null,
        convocationSentAt: new Date('2019-06-20T08:00:00Z'),
      })),
    )
    .execute()
  const [item] = await db
    .insertInto('governanceItems')
    .values({
      meetingId: seedMeetingId,
      position: 1,
      title: 'Modalités d’exercice de la compétence « numérique éducatif »',
      totals: JSON.stringify({ pour: 12, contre: 0, abstention: 2, blancNul: 0, neParticipePas: 0 }),
      typed: JSON.stringify({ exprimes: 14, statesQuorumMet: true, statesAdopted: true }),
    })
    .returning('id')
    .execute()
  const [deliberation] = await db
    .insertInto('governanceDeliberations')
    .values({
      itemId: item!.id,
      year: 2019,
      seq: 12,
      object: SEED_2019_12_TEXT.object,
      visas: JSON.stringify(SEED_2019_12_TEXT.visas),
      considerants: JSON.stringify(SEED_2019_12_TEXT.considerants),
      articles: JSON.stringify(SEED_2019_12_TEXT.articles),
      classification: '8.1',
      publishedAt: new Date('2019-07-02T09:00:00Z'),
    })
    .returning('id')
    .execute()
  await db
    .insertInto('governanceAnnexes')
    .values(
      SEED_2019_12_TEXT.annexes.map((title, index) => ({
        deliberationId: deliberation!.id,
        position: index + 1,
        title,
      })),
    )
    .execute()

  // The next meeting, three weeks ahead at 17:00 Paris time (16:00 UTC in winter, 15:00 in summer: close enough).
  const next = new Date(`${parisDay(new Date(today.getTime() + 21 * 86_400_000))}T16:00:00Z`)
  const [upcoming] = await db
    .insertInto('governanceMeetings')
    .values({ bodyId, heldAt: next, place: 'au siège du syndicat', presidentId: president })
    .returning('id')
    .execute()
  const nextMeetingId = upcoming!.id
  await db
    .insertInto('governanceAttendance')
    .values(
      SEED_2019_12_ATTENDANCE.map((line) => ({
        meetingId: nextMeetingId,
        delegateId: idOf.get(line.name) as string,
      })),
    )
    .execute()
  await db
    .insertInto('governanceItems')
    .values([
      {
        meetingId: nextMeetingId,
        position: 1,
        title: 'Approbation du procès-verbal de la séance précédente',
      },
      { meetingId: nextMeetingId, position: 2, title: 'Contributions des membres pour l’année à venir' },
    ])
    .execute()
  return { seedMeetingId, nextMeetingId }
}

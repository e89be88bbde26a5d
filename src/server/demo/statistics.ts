import { sql } from 'kysely'
import type { Db } from '../db/connection.ts'
import { snapshotActivation } from '../modules/statistics/index.ts'

/**
 * The demo's usage: three months of daily aggregates up to yesterday, drawn from the demo's own people
 * (a share of each school's members per profile and day, lower on Wednesdays, weekends and the
 * holidays, with a steady noise per school and day), so the dashboards show real curves; and the
 * register of processing activities of an ENT. Raw events are not drawn: their pseudonyms need the
 * running instance's key, and the dashboards read only aggregates. One statement per table.
 */
export async function loadDemoStatistics(db: Db, today: Date): Promise<void> {
  const todayText = today.toISOString().slice(0, 10)
  await sql`
    with days as (
      select d::date as day,
        case
          -- Toussaint and Christmas holidays (zone B, around these dates every year).
          when (extract(month from d) = 10 and extract(day from d) >= 19) or (extract(month from d) = 11 and extract(day from d) <= 3)
            or (extract(month from d) = 12 and extract(day from d) >= 20) or (extract(month from d) = 1 and extract(day from d) <= 4)
            then 'holiday'
          when extract(isodow from d) in (6, 7) then 'weekend'
          when extract(isodow from d) = 3 then 'wednesday'
          else 'school'
        end as kind
      from generate_series(${todayText}::date - 91, ${todayText}::date - 1, interval '1 day') as d
    ),
    members as (
      select school_id, profile, count(*)::int as n from memberships where left_at is null group by 1, 2
    ),
    rates(profile, school, wednesday, weekend, holiday) as (values
      ('parent', 0.42, 0.25, 0.12, 0.06),
      ('pupil', 0.30, 0.08, 0.10, 0.04),
      ('teacher', 0.85, 0.45, 0.25, 0.15),
      ('staff', 0.60, 0.40, 0.02, 0.02),
      ('collectivity_agent', 0.50, 0.45, 0.0, 0.10),
      ('academic', 0.40, 0.30, 0.0, 0.05),
      ('guest', 0.10, 0.05, 0.0, 0.0)
    ),
    drawn as (
      select m.school_id, d.day, m.profile,
        round(m.n * (case d.kind when 'school' then r.school when 'wednesday' then r.wednesday
                                 when 'weekend' then r.weekend else r.holiday end)
              * (0.8 + 0.4 * ((hashtext(m.school_id::text || d.day::text || m.profile) & 1023) / 1023.0)))::int as users
      from members m cross join days d join rates r on r.profile = m.profile
    )
    insert into usage_daily (school_id, day, kind, service, profile, events, unique_users)
    select school_id, day, 'connexion', '', profile, (users * 1.4)::int, users from drawn where users > 0
    union all
    select school_id, day, 'application', s.service, profile, greatest(0, round(users * s.share))::int, greatest(0, round(users * s.share))::int
    from drawn cross join (values ('Accueil', 0.7), ('Annuaire', 0.35), ('Donnees_Personnelles', 0.02)) as s(service, share)
    where round(users * s.share) > 0
    union all
    select d.school_id, d.day, 'application', 'Administration', d.profile, 1, 1
    from drawn d
    where d.profile = 'teacher' and d.users > 0
      and exists (select 1 from memberships m where m.school_id = d.school_id and 'director' = any(m.functions))
  `.execute(db)
  // The areas above the schools, summed from the same rows (drawn figures: a parent of two schools
  // counts in each, where the real aggregation counts them once).
  await sql`
    insert into usage_daily_by_area (area, day, kind, service, profile, events, unique_users)
    select a.area, u.day, u.kind, u.service, u.profile, sum(u.events), sum(u.unique_users)
    from usage_daily u join schools s on s.id = u.school_id
    cross join lateral (values ('syndicat'), ('collectivite:' || s.collectivity_id::text),
                               ('circonscription:' || s.circonscription)) as a(area)
    where a.area is not null
    group by 1, 2, 3, 4, 5
  `.execute(db)
  await snapshotActivation(db, today)
  await db.insertInto('processingActivities').values(ENT_REGISTER).execute()
}

const COMMON = {
  legalBasis:
    'Mission d’intérêt public (RGPD, art. 6.1.e) : arrêté du 30 novembre 2006 relatif aux espaces numériques de travail ; compétence transférée au syndicat par ses membres.',
  securityMeasures:
    'Accès authentifié, double authentification des personnels et administrateurs, cloisonnement par école dans la base, chiffrement TLS, journal d’audit des actions et des consultations, sauvegardes chiffrées.',
}

const ENT_REGISTER = [
  {
    name: 'Comptes et accès à l’ENT',
    purposes: 'Créer les comptes des élèves, familles et personnels, les activer, les connecter.',
    dataSubjects: 'Élèves, responsables légaux, enseignants, personnels des écoles et des collectivités',
    dataCategories:
      'Nom, prénom, identifiant, date de naissance (élèves), classe, e-mail et téléphone facultatifs',
    recipients: 'Direction de l’école, enseignants de la classe, administrateurs du syndicat',
    retention:
      'Le temps de la scolarité à l’école ; supprimées 3 mois après le départ (arrêté du 30 novembre 2006, art. 6).',
    ...COMMON,
  },
  {
    name: 'Import des élèves et responsables (ONDE)',
    purposes: 'Tenir à jour les comptes à partir de la base élèves du premier degré.',
    dataSubjects: 'Élèves, responsables légaux',
    dataCategories: 'Identité, classe, liens de responsabilité, autorisations photos',
    recipients: 'Direction de l’école',
    retention: 'Fichiers importés non conservés ; comptes comme ci-dessus.',
    ...COMMON,
  },
  {
    name: 'Journal de connexion et d’audit',
    purposes: 'Sécurité des comptes, preuve des actions des administrateurs et de leurs consultations.',
    dataSubjects: 'Toute personne ayant un compte',
    dataCategories: 'Date, adresse IP, action, objet de l’action',
    recipients: 'Administrateurs du syndicat, délégué à la protection des données',
    retention: 'Un an.',
    ...COMMON,
  },
  {
    name: 'Statistiques d’usage',
    purposes: 'Mesurer l’usage de l’ENT par profil, école, collectivité et service (nomenclature nationale).',
    dataSubjects: 'Toute personne ayant un compte',
    dataCategories: 'Pseudonyme quotidien non réversible, profil, école, service, jour',
    recipients:
      'Syndicat, collectivités, directions d’école, circonscriptions (nombres inférieurs à 5 masqués)',
    retention: 'Traces brutes un an ; agrégats anonymes sans limite.',
    ...COMMON,
  },
  {
    name: 'Communication école–familles',
    purposes: 'Annuaire, messagerie, carnet de liaison, actualités de l’école.',
    dataSubjects: 'Élèves, responsables légaux, personnels',
    dataCategories: 'Identité, messages, accusés de lecture, pièces jointes',
    recipients: 'Les personnes que les règles de communication de l’école autorisent',
    retention: 'L’année scolaire ; contributions gardées sous « Ancien compte » sauf opposition.',
    ...COMMON,
  },
  {
    name: 'Mes données (droit d’accès)',
    purposes: 'Remettre à chaque personne une archive de toutes ses données.',
    dataSubjects: 'Toute personne ayant un compte',
    dataCategories: 'Toutes les données de la personne',
    recipients: 'La personne elle-même',
    retention: 'Archive supprimée 7 jours après sa préparation.',
    ...COMMON,
  },
]

import { sql } from 'kysely'
import type { Db } from '../db/connection.ts'
import { type FeedItemInput, publishFeedItem } from '../modules/feed/index.ts'
import type { DemoDeployment } from './demo-deployment.ts'

/**
 * The demo's « Quoi de neuf »: for each school and class, what a week of school life publishes (a mot
 * in the notebook, homework, the calendar, the canteen menu, a message to the team), published through
 * the feed's own call with set-based audiences, the older ones already read. Notification preferences
 * stay at their defaults (nothing is stored until someone chooses).
 */
export async function loadDemoFeed(
  trx: Db,
  demo: DemoDeployment,
  now: Date,
  others: TimedFeedItem[] = [],
): Promise<void> {
  const directorOf = (schoolId: string) =>
    demo.memberships.find((m) => m.schoolId === schoolId && m.functions.includes('director'))?.userId ?? null
  const teacherOf = (classId: string) =>
    demo.classMembers.find((m) => m.classId === classId && m.role === 'teacher')?.userId ?? null

  const queue: TimedFeedItem[] = [...others]
  /** Queues `input` as if published `hoursAgo` hours ago; `read` marks it read for everyone. */
  const publish = async (input: FeedItemInput, hoursAgo: number, read = false) => {
    queue.push({ input, at: new Date(now.getTime() - hoursAgo * 3_600_000), read })
  }

  // Each school's week, then the syndicate's news.
  for (const school of demo.schools) {
    const director = directorOf(school.id)
    const everyone = sql`select user_id from memberships where school_id = ${school.id} and left_at is null`
    const parents = sql`select user_id from memberships where school_id = ${school.id} and profile = 'parent' and left_at is null`
    const team = sql`select user_id from memberships where school_id = ${school.id}
      and profile in ('teacher', 'staff') and left_at is null`
    await publish(
      {
        app: 'calendar',
        schoolId: school.id,
        actorId: director,
        audience: everyone,
        kind: 'calendar.event',
        title: 'Réunion de rentrée jeudi à 18 h',
        summary: `Toutes les familles sont attendues dans le préau de l’école ${school.name}.`,
        link: '/quoi-de-neuf',
      },
      72,
      true,
    )
    await publish(
      {
        app: 'news',
        schoolId: school.id,
        actorId: director,
        audience: parents,
        kind: 'news.post',
        title: 'Menu de la cantine de la semaine',
        summary: 'Lundi : carottes râpées, poisson pané, riz. Mardi : potage, omelette, haricots verts.',
        link: '/quoi-de-neuf',
      },
      30,
    )
    await publish(
      {
        app: 'messaging',
        schoolId: school.id,
        actorId: director,
        audience: team,
        kind: 'messaging.message',
        title: 'Conseil des maîtres lundi 16 h 45',
        summary: 'Ordre du jour : projet d’école, sorties du trimestre, APC.',
        link: '/quoi-de-neuf',
      },
      20,
    )
    const colleague = demo.memberships.find(
      (m) => m.schoolId === school.id && m.profile === 'teacher' && m.userId !== director,
    )?.userId
    if (director && colleague) {
      await publish(
        {
          app: 'messaging',
          schoolId: school.id,
          actorId: colleague,
          audience: [director],
          kind: 'messaging.message',
          title: 'Demande d’autorisation d’absence',
          summary: 'Bonjour, je serai en formation le 12 : pourrais-tu prévenir le remplaçant ?',
          link: '/quoi-de-neuf',
        },
        2,
      )
    }
    for (const klass of demo.classes.filter((c) => c.schoolId === school.id)) {
      const teacher = teacherOf(klass.id) ?? director
      const pupils = sql`select user_id from class_members where school_id = ${school.id} and class_id = ${klass.id} and role = 'pupil'`
      const families = sql`select c.user_id from class_members c where c.school_id = ${school.id} and c.class_id = ${klass.id} and c.role = 'pupil'
        union select f.parent_id from class_members c join family_links f on f.school_id = c.school_id and f.pupil_id = c.user_id
        where c.school_id = ${school.id} and c.class_id = ${klass.id} and c.role = 'pupil'`
      await publish(
        {
          app: 'notebook',
          schoolId: school.id,
          actorId: teacher,
          audience: families,
          kind: 'notebook.mot',
          title: `${klass.name} : sortie à la médiathèque vendredi`,
          summary: 'Prévoir une tenue adaptée et un goûter. Merci de signer le mot.',
          link: '/quoi-de-neuf',
        },
        8,
      )
      await publish(
        {
          app: 'homework',
          schoolId: school.id,
          actorId: teacher,
          audience: pupils,
          kind: 'homework.assignment',
          title: `${klass.name} : lire le chapitre 3 pour lundi`,
          summary: 'Et apprendre la poésie « Le cancre » jusqu’au vers 8.',
          link: '/quoi-de-neuf',
        },
        3,
      )
    }
  }

  // The administrators above the schools, the académie's and the collectivities' people hear of the
  // syndicate's news.
  const [firstSchool] = demo.schools
  if (firstSchool) {
    await publish(
      {
        app: 'news',
        schoolId: firstSchool.id,
        actorId: null,
        audience: sql`select user_id from admin_roles
          union select user_id from memberships where profile in ('academic', 'collectivity_agent')`,
        kind: 'news.post',
        title: `${demo.schools.length} écoles ouvertes sur Préau cette année`,
        summary: 'Les comptes des familles sont importés ; les codes d’activation partent cette semaine.',
        link: '/quoi-de-neuf',
      },
      5,
    )
  }

  // Oldest first, every source together: item ids (UUID v7) and dates then agree.
  for (const { input, at, read, notified } of queue.sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const { id } = await publishFeedItem(trx, input)
    await trx
      .updateTable('feedItems')
      .set({ createdAt: sql`${at}::timestamptz` })
      .where('schoolId', '=', input.schoolId)
      .where('id', '=', id)
      .execute()
    await trx
      .updateTable('feedDeliveries')
      .set({ readAt: read ? at : null, notifiedAt: notified ? at : null })
      .where('schoolId', '=', input.schoolId)
      .where('itemId', '=', id)
      .execute()
  }
}

/**
 * A demo item and when it happened; `notified` when its e-mail would have gone then (a past message's
 * notification is not sent at the demo's first start).
 */
export type TimedFeedItem = { input: FeedItemInput; at: Date; read: boolean; notified?: boolean }

import { describe, expect, it } from 'vitest'
import type { MessageDetail, RecipientsResponse } from '../../../contract/messaging.ts'
import { addMember, buildUser } from '../../testing/factories.ts'
import { useMessagingWorld } from './messaging-test-kit.ts'

describe('messagerie: safety and the simplified composer', () => {
  const kit = useMessagingWorld()
  const { as, base, person, send, inbox } = kit

  it('reports a message to the direction, who suspends the author at once, then lifts it (audited)', async () => {
    const teacher = await as(kit.world.own.teacherId)
    const { id } = await send(teacher, {
      subject: 'Message déplacé',
      bodyHtml: '<p>Contenu douteux</p>',
      to: [person(kit.world.own.parentId)],
    })
    const parent = await as(kit.world.own.parentId)
    const report = await parent.post(`${base()}/messages/${id}/report`, { reason: 'Propos inappropriés' })
    expect(report.statusCode, report.body).toBe(200)
    expect((await parent.post(`${base()}/messages/${id}/report`, {})).statusCode).toBe(200)

    const director = await as(kit.world.own.directorId)
    const alert = (await inbox(director, `?q=${encodeURIComponent('déplacé')}`)).messages[0]
    expect(alert?.subject).toBe('Signalement : Message déplacé')
    const alertBody = (await director.get(`/api/messaging/messages/${alert?.id}`)).json() as MessageDetail
    expect(alertBody.bodyHtml).toContain('Propos inappropriés')
    expect(alertBody.bodyHtml).toContain('Contenu douteux')
    const overview = (await director.get(`${base()}/safety`)).json()
    expect(overview.reports).toHaveLength(1)
    expect(overview.reports[0]).toMatchObject({ reason: 'Propos inappropriés', authorSuspended: false })

    const suspend = await director.put(`${base()}/suspensions/${kit.world.own.teacherId}`, {
      reason: 'Signalement',
    })
    expect(suspend.statusCode).toBe(200)
    const refused = await send(teacher, { subject: 'Encore', to: [person(kit.world.own.parentId)] })
    expect(refused.sent.statusCode).toBe(403)
    expect(refused.sent.json().detail).toMatch(/suspendu/)
    expect((await director.get(`${base()}/safety`)).json().suspensions[0].user.id).toBe(
      kit.world.own.teacherId,
    )

    expect((await director.delete(`${base()}/suspensions/${kit.world.own.teacherId}`)).statusCode).toBe(200)
    const again = await teacher.post(`${base()}/drafts/${refused.id}/send`, {})
    expect(again.statusCode).toBe(200)
    const actions = await kit.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', 'like', 'messaging.%')
      .where('action', '<>', 'messaging.recall')
      .orderBy('id')
      .execute()
    expect(actions.map((a) => a.action)).toEqual([
      'messaging.report',
      'messaging.suspend',
      'messaging.liftSuspension',
    ])
  })

  it('gives the simplified composer to a pupil of CP, with people and no groups', async () => {
    const klass = await kit.database.db
      .insertInto('classes')
      .values({
        schoolId: kit.world.own.id,
        schoolYearId: (await kit.database.db.selectFrom('schoolYears').select('id').executeTakeFirstOrThrow())
          .id,
        name: 'CP B',
        levels: ['CP'],
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const pupil = await buildUser(kit.database.db, { firstName: 'Tom', lastName: 'Petit' })
    await addMember(kit.database.db, {
      schoolId: kit.world.own.id,
      userId: pupil.id,
      profile: 'pupil',
      classId: klass.id,
    })
    const offered = (await (await as(pupil.id)).get(`${base()}/recipients`)).json() as RecipientsResponse
    expect(offered.simplified).toBe(true)
    expect(offered.groups).toEqual([])
    expect((await (await as(kit.world.own.pupilId)).get(`${base()}/recipients`)).json().simplified).toBe(
      false,
    )
  })
})

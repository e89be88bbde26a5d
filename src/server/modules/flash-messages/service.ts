import type { NewFlashMessage } from '../../../contract/flash-messages.ts'
import type { Db } from '../../db/connection.ts'
import { notFound } from '../../plugins/errors.ts'
import { type AuditAuthor, auditedChange } from '../audit/index.ts'
import { countSchoolsOfIssuer, findIssuerMessages, type Issuer, insertFlashMessage } from './queries.ts'

/**
 * Posts a banner in the issuer's scope. A school outside it (another school for a director, a school of
 * another collectivity) is answered as a school that does not exist: 404, nothing written. A school's own
 * banner names the school itself. The message and its audit entry commit together.
 */
export async function postFlashMessage(db: Db, issuer: Issuer, author: AuditAuthor, body: NewFlashMessage) {
  const schoolIds = [
    ...new Set(issuer.kind === 'school' && body.schoolIds.length === 0 ? [issuer.schoolId] : body.schoolIds),
  ]
  if (schoolIds.length > 0 && (await countSchoolsOfIssuer(db, issuer, schoolIds)) !== schoolIds.length) {
    throw notFound('École introuvable.')
  }
  const id = await auditedChange(
    db,
    author,
    (trx) =>
      insertFlashMessage(trx, issuer, {
        text: body.text,
        profiles: body.profiles,
        schoolIds,
        startsOn: body.startsOn,
        endsOn: body.endsOn,
        createdBy: author.actorId,
      }),
    (messageId) => ({
      action: 'flashMessages.post',
      schoolId: issuer.kind === 'school' ? issuer.schoolId : null,
      target: { type: 'flash-message', id: messageId },
      details: {
        profiles: body.profiles,
        schools: schoolIds.length,
        startsOn: body.startsOn,
        endsOn: body.endsOn,
        ...(issuer.kind === 'collectivity' ? { collectivityId: issuer.collectivityId } : {}),
      },
    }),
  )
  const messages = await findIssuerMessages(db, issuer)
  const posted = messages.find((message) => message.id === id)
  if (!posted) throw new Error('flash message not found after insert')
  return posted
}

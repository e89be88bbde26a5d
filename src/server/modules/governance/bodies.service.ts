import type { z } from 'zod'
import type { BodyRulesBody, DelegateBody } from '../../../contract/governance.ts'
import type { Db } from '../../db/connection.ts'
import { fieldProblem, notFound } from '../../plugins/errors.ts'
import { type AuditAuthor, auditedChange } from '../audit/index.ts'
import type { BodyRules } from './domain/body-rules.ts'

/**
 * The bodies of the syndicate and their delegates. The rules come from the statutes (CGCT defaults);
 * a change applies to every meeting computed afterwards, past ones included, as the statutes would.
 */

export async function readBody(db: Db, bodyId: string) {
  const [body, delegates] = await Promise.all([
    db
      .selectFrom('governanceBodies')
      .select(['id', 'kind', 'name', 'rules'])
      .where('id', '=', bodyId)
      .executeTakeFirst(),
    db
      .selectFrom('governanceDelegates')
      .select([
        'id',
        'bodyId',
        'memberName',
        'civility',
        'firstName',
        'lastName',
        'email',
        'wantsPaper',
        'seat',
        'mandateStart',
        'mandateEnd',
        'weight',
      ])
      .where('bodyId', '=', bodyId)
      .orderBy('memberName')
      .orderBy('seat')
      .orderBy('lastName')
      .execute(),
  ])
  if (!body) throw notFound('Instance introuvable.')
  return { ...body, rules: body.rules as BodyRules, delegates }
}

export async function editBody(
  db: Db,
  author: AuditAuthor,
  bodyId: string,
  input: z.output<typeof BodyRulesBody>,
): Promise<void> {
  const { name, ...rules } = input
  await auditedChange(
    db,
    author,
    async (trx) => {
      const updated = await trx
        .updateTable('governanceBodies')
        .set({ name, rules: JSON.stringify(rules) })
        .where('id', '=', bodyId)
        .executeTakeFirst()
      if (!updated.numUpdatedRows) throw notFound('Instance introuvable.')
    },
    () => ({
      action: 'governance.editBody',
      target: { type: 'governance-body', id: bodyId },
      details: { name },
    }),
  )
}

type DelegateInput = z.output<typeof DelegateBody>

/** Adds a delegate to a body (`delegateId` null) or changes one of its delegates. */
export async function saveDelegate(
  db: Db,
  author: AuditAuthor,
  target: { bodyId: string; delegateId: null } | { bodyId: null; delegateId: string },
  input: DelegateInput,
): Promise<string> {
  if (!input.email && !input.wantsPaper)
    throw fieldProblem('email', 'Indiquez l’adresse e-mail du délégué, ou cochez la convocation sur papier.')
  const name = `${input.civility} ${input.firstName} ${input.lastName}`
  return auditedChange(
    db,
    author,
    async (trx) => {
      if (target.delegateId) {
        const updated = await trx
          .updateTable('governanceDelegates')
          .set(input)
          .where('id', '=', target.delegateId)
          .returning('id')
          .executeTakeFirst()
        if (!updated) throw notFound('Délégué introuvable.')
        return updated.id
      }
      const bodyId = target.bodyId ?? ''
      const body = await trx
        .selectFrom('governanceBodies')
        .select('id')
        .where('id', '=', bodyId)
        .executeTakeFirst()
      if (!body) throw notFound('Instance introuvable.')
      const created = await trx
        .insertInto('governanceDelegates')
        .values({ ...input, bodyId })
        .returning('id')
        .executeTakeFirstOrThrow()
      return created.id
    },
    (id) => ({
      action: 'governance.saveDelegate',
      target: { type: 'governance-delegate', id },
      details: { name },
    }),
  )
}

import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import type { Db } from '../../db/connection.ts'
import { fieldProblem } from '../../plugins/errors.ts'
import {
  deleteFromSchool,
  inSchool,
  type SchoolScope,
  schoolTransaction,
  updateInSchool,
} from '../../plugins/tenancy.ts'

/**
 * Class login cards for pupils too young to type a password: a card's QR code carries a random token;
 * the table keeps only its SHA-256, so the cards cannot be reprinted, only regenerated (which makes the
 * old ones useless). A card signs its pupil in only while the class's cards are on and the pupil is
 * still in that class.
 */
export type CardPupil = { id: string; firstName: string; displayName: string; cardCreatedAt: Date | null }
export type PrintableCard = { pupilId: string; firstName: string; token: string }

function hashCardToken(token: string): Buffer {
  return createHash('sha256').update(token).digest()
}

export function loginCardLink(publicUrl: string, token: string): string {
  return `${publicUrl}/carte#jeton=${token}`
}

/** The current pupils of the class, with the date of their card if they have one. */
export async function findCardPupils(scope: SchoolScope, classId: string): Promise<CardPupil[]> {
  const { rows } = await sql<CardPupil>`
    select u.id, u.first_name, u.display_name, lc.created_at as card_created_at
    from class_members cm
    join memberships m on m.school_id = cm.school_id and m.user_id = cm.user_id
      and m.profile = 'pupil' and m.left_at is null
    join users u on u.id = cm.user_id and u.disabled_at is null
    left join login_cards lc on lc.school_id = cm.school_id and lc.class_id = cm.class_id and lc.user_id = u.id
    where ${inSchool(scope, 'cm')} and cm.class_id = ${classId} and cm.role = 'pupil'
    order by u.search_key, u.id
  `.execute(scope.db)
  return rows
}

export async function setLoginCardsEnabled(
  scope: SchoolScope,
  classId: string,
  enabled: boolean,
): Promise<void> {
  await updateInSchool(scope, 'classes')
    .set({ loginCardsEnabled: enabled })
    .where('id', '=', classId)
    .execute()
}

/**
 * New cards for the class's pupils (all, or those of `pupilIds`), replacing their old ones in one
 * transaction. Returns the tokens, to be printed now: they are not kept.
 */
export async function generateLoginCards(
  scope: SchoolScope,
  classId: string,
  pupilIds?: string[],
): Promise<PrintableCard[]> {
  const pupils = await findCardPupils(scope, classId)
  const wanted = pupilIds ? new Set(pupilIds) : null
  if (wanted && [...wanted].some((id) => !pupils.some((pupil) => pupil.id === id)))
    throw fieldProblem('pupilIds', 'Cet élève n’est pas dans la classe.')
  const cards = pupils
    .filter((pupil) => !wanted || wanted.has(pupil.id))
    .map((pupil) => ({
      pupilId: pupil.id,
      firstName: pupil.firstName,
      token: randomBytes(32).toString('base64url'),
    }))
  if (cards.length === 0) return []
  // Replaced rather than upserted so that each card's date is the day it was printed; in the caller's
  // transaction when there is one (the route's, which also writes the audit entry).
  const replace = async (inner: SchoolScope) => {
    await deleteFromSchool(inner, 'loginCards')
      .where('classId', '=', classId)
      .where(
        'userId',
        'in',
        cards.map((card) => card.pupilId),
      )
      .execute()
    await inner.db
      .insertInto('loginCards')
      .values(
        cards.map((card) => ({
          schoolId: scope.schoolId,
          classId,
          userId: card.pupilId,
          tokenHash: hashCardToken(card.token),
        })),
      )
      .execute()
  }
  await (scope.db.isTransaction ? replace(scope) : schoolTransaction(scope, replace))
  return cards
}

/**
 * The pupil a card signs in, or undefined: unknown token, cards of the class switched off, class
 * archived, pupil no longer in the class or the school, account disabled. The token alone designates
 * the school (no scope exists before sign-in); it is looked up by its hash's unique index.
 */
export async function findPupilOfCard(db: Db, token: string): Promise<string | undefined> {
  const { rows } = await sql<{ userId: string }>`
    select lc.user_id
    from login_cards lc
    join classes c on c.school_id = lc.school_id and c.id = lc.class_id
      and c.login_cards_enabled and c.archived_at is null
    join class_members cm on cm.school_id = lc.school_id and cm.class_id = lc.class_id
      and cm.user_id = lc.user_id and cm.role = 'pupil'
    join memberships m on m.school_id = lc.school_id and m.user_id = lc.user_id
      and m.profile = 'pupil' and m.left_at is null
    join users u on u.id = lc.user_id and u.disabled_at is null
    where lc.token_hash = ${hashCardToken(token)}
  `.execute(db)
  return rows[0]?.userId
}

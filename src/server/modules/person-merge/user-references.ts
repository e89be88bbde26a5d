/**
 * Every column of the deployment that names an account (a foreign key to `users`), and what a merge
 * does with the merged account's rows there. The test `user-references.test.ts` reads the catalogue:
 * a new table naming `users` that is not declared here (or by its module through
 * `registerUserReference`) fails it, so a merge never leaves a person's rows behind.
 *
 * - `move`: the rows now name the kept account (no unique key involves the column: `created_by`…);
 * - `move-unless-present`: moved, except a row the kept account already has with the same `key` (the
 *   other columns of the table's unique key), which is removed — the kept account's row wins;
 * - `remove`: the merged account's rows are removed (credentials: the kept account's stay), and put
 *   back by undo;
 * - `end`: removed and never put back (sessions: undo does not sign anyone in again);
 * - `keep`: left as they are (the audit trail is history; the merged account's row stays to be named).
 * Undo puts the moved rows back on the merged account (found by the table's primary key, read from the
 * catalogue) and inserts the removed ones again.
 */
export type UserReference =
  | { table: string; column: string; onMerge: 'move' }
  | { table: string; column: string; onMerge: 'move-unless-present'; key: string[] }
  | { table: string; column: string; onMerge: 'remove' | 'end' | 'keep' }

/** The tables of the modules that exist today, grouped by why. */
const CORE: UserReference[] = [
  // Who belongs where: the kept account gains the other's schools, classes, groups and families.
  { table: 'memberships', column: 'user_id', onMerge: 'move-unless-present', key: ['school_id', 'profile'] },
  {
    table: 'class_members',
    column: 'user_id',
    onMerge: 'move-unless-present',
    key: ['school_id', 'class_id'],
  },
  {
    table: 'group_members',
    column: 'user_id',
    onMerge: 'move-unless-present',
    key: ['school_id', 'group_id'],
  },
  {
    table: 'family_links',
    column: 'parent_id',
    onMerge: 'move-unless-present',
    key: ['school_id', 'pupil_id'],
  },
  {
    table: 'family_links',
    column: 'pupil_id',
    onMerge: 'move-unless-present',
    key: ['school_id', 'parent_id'],
  },
  { table: 'image_consents', column: 'pupil_id', onMerge: 'move-unless-present', key: ['school_id'] },
  { table: 'login_cards', column: 'user_id', onMerge: 'move-unless-present', key: ['school_id', 'class_id'] },
  {
    table: 'admin_roles',
    column: 'user_id',
    onMerge: 'move-unless-present',
    key: ['role', 'collectivity_id'],
  },
  { table: 'charter_acceptances', column: 'user_id', onMerge: 'move-unless-present', key: ['version'] },
  { table: 'known_devices', column: 'user_id', onMerge: 'move-unless-present', key: ['device_hash'] },
  // What a person made keeps its author, now the kept account.
  { table: 'blobs', column: 'created_by', onMerge: 'move' },
  { table: 'groups', column: 'created_by', onMerge: 'move' },
  { table: 'communication_rules', column: 'created_by', onMerge: 'move' },
  { table: 'image_consents', column: 'recorded_by', onMerge: 'move' },
  { table: 'import_runs', column: 'created_by', onMerge: 'move' },
  { table: 'import_runs', column: 'applied_by', onMerge: 'move' },
  // Credentials: the kept account's password and second factor stay; the other's wait for an undo.
  { table: 'user_totp', column: 'user_id', onMerge: 'remove' },
  { table: 'recovery_codes', column: 'user_id', onMerge: 'remove' },
  { table: 'activation_codes', column: 'user_id', onMerge: 'remove' },
  // Sessions and sign-in steps of the merged account end for good.
  { table: 'sessions', column: 'user_id', onMerge: 'end' },
  { table: 'sign_in_challenges', column: 'user_id', onMerge: 'end' },
  { table: 'password_resets', column: 'user_id', onMerge: 'end' },
  // History: the trail is not rewritten; the merged account's row stays, disabled, to be named.
  { table: 'audit_log', column: 'actor_id', onMerge: 'keep' },
  { table: 'person_merges', column: 'kept_user_id', onMerge: 'keep' },
  { table: 'person_merges', column: 'merged_user_id', onMerge: 'keep' },
  { table: 'person_merges', column: 'merged_by', onMerge: 'keep' },
  { table: 'person_merges', column: 'undone_by', onMerge: 'keep' },
]

const references = new Map<string, UserReference>(CORE.map((ref) => [`${ref.table}.${ref.column}`, ref]))

/**
 * A module whose table names accounts declares what a merge does with it, once, when it loads (its
 * `index.ts`): `registerUserReference({ table: 'messages', column: 'sender_id', onMerge: 'move' })`.
 */
export function registerUserReference(reference: UserReference): void {
  references.set(`${reference.table}.${reference.column}`, reference)
}

/** Every declared reference, in a stable order (memberships first: the others follow them). */
export function userReferences(): UserReference[] {
  return [...references.values()]
}

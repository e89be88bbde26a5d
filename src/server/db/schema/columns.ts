import type { ColumnType } from 'kysely'

/** Column types shared by every area's tables (camelCase; the CamelCasePlugin maps to snake_case SQL). */

export type CreatedAt = ColumnType<Date, Date | string | undefined, never>
export type Timestamp = ColumnType<Date, Date | string, Date | string>
/** `date` columns stay ISO strings (`yyyy-mm-dd`): a birth date has no time zone. */
export type IsoDate = ColumnType<string, string, string>

/** jsonb columns are written as JSON text (a JS array would otherwise be sent as a PostgreSQL array). */
export type Json<T> = ColumnType<T, string, string>
export type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>

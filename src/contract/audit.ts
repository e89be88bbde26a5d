import { z } from 'zod'
import { Timestamp } from './timestamp.ts'

export const AuditEntry = z.object({
  id: z.number().int(),
  at: Timestamp,
  actor: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  action: z.string(),
  schoolId: z.uuid().nullable(),
  target: z
    .object({
      type: z.string(),
      id: z.string(),
      name: z
        .string()
        .nullable()
        .describe('Le nom actuel de la cible (personne, classe, groupe…) ; null si elle n’existe plus'),
    })
    .nullable(),
  details: z.record(z.string(), z.unknown()),
})
export type AuditEntry = z.infer<typeof AuditEntry>

export const AuditQuery = z.object({
  before: z.coerce.number().int().positive().optional().describe('Keyset: entries with a smaller id'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  action: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
})

export const AuditPage = z.object({ entries: z.array(AuditEntry), nextBefore: z.number().int().nullable() })
export type AuditPage = z.infer<typeof AuditPage>

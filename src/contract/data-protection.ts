import { z } from 'zod'
import { resourceId } from './ids.ts'
import { Timestamp } from './timestamp.ts'

/**
 * Data protection: the register of processing activities (RGPD art. 30), « Mes données » (the archive
 * of everything Préau holds about me), the retention jobs' dry run.
 */

const text = (label: string, max = 4000) =>
  z
    .string({ error: `${label} : ce champ est obligatoire.` })
    .trim()
    .min(1, { error: `${label} : ce champ est obligatoire.` })
    .max(max, { error: `${label} : ${max} caractères au plus.` })

export const ProcessingActivityBody = z.object({
  name: text('Nom du traitement', 200),
  purposes: text('Finalités'),
  legalBasis: text('Base légale'),
  dataSubjects: text('Personnes concernées'),
  dataCategories: text('Catégories de données'),
  recipients: text('Destinataires'),
  retention: text('Durées de conservation'),
  securityMeasures: text('Mesures de sécurité'),
})
export type ProcessingActivityBody = z.infer<typeof ProcessingActivityBody>

export const ProcessingActivity = ProcessingActivityBody.extend({
  id: z.uuid(),
  updatedAt: Timestamp,
})

export const RegisterResponse = z.object({
  activities: z.array(ProcessingActivity),
  /** `dataProtection.editRegister` when the reader keeps the register. */
  allowedActions: z.array(z.string()),
})

export const ActivityParams = z.object({ activityId: resourceId('Traitement introuvable.') })

export const DataExportStatus = z.enum(['queued', 'running', 'ready', 'failed'])

export const DataExport = z.object({
  id: z.uuid(),
  status: DataExportStatus,
  /** 0 to 100. */
  progress: z.number().int(),
  createdAt: Timestamp,
  /** When the archive is deleted (ready only). */
  expiresAt: Timestamp.nullable(),
})

export const DataExportResponse = z.object({ export: DataExport.nullable() })

export const ExportParams = z.object({ exportId: resourceId('Archive introuvable.') })

export const RetentionPreview = z.object({
  today: z.string(),
  usageEvents: z.object({
    /** Raw usage events of days before this one are deleted (one year). */
    before: z.string(),
    toDelete: z.number().int(),
  }),
  departedPeople: z.object({
    anonymised: z.number().int(),
    deleted: z.number().int(),
    cancelled: z.number().int(),
    postponed: z.number().int(),
    upcoming: z.number().int(),
  }),
  expiredExports: z.number().int(),
})
export type RetentionPreview = z.infer<typeof RetentionPreview>

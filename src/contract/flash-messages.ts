import { z } from 'zod'
import { resourceId } from './ids.ts'
import { Profile } from './structures.ts'
import { Timestamp } from './timestamp.ts'

/**
 * Flash messages: a banner posted by an administrator of the syndicate, a collectivity or a school (its
 * director) to chosen profiles of chosen schools of their own scope, shown between two Paris days at the
 * top of every page of the people concerned, until each dismisses it.
 */

const ParisDay = z.iso.date({ error: 'Date attendue au format AAAA-MM-JJ.' })

export const FLASH_TEXT_MAX = 300

export const NewFlashMessage = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, 'Écrivez le message.')
      .max(FLASH_TEXT_MAX, `Le message tient en ${FLASH_TEXT_MAX} caractères au plus.`),
    profiles: z
      .array(Profile)
      .min(1, 'Choisissez au moins un profil.')
      .transform((profiles) => [...new Set(profiles)]),
    schoolIds: z
      .array(resourceId('École introuvable.'))
      .max(5000)
      .default([])
      .describe('Les écoles visées ; aucune : toutes celles de l’émetteur (pour une école : elle-même)'),
    startsOn: ParisDay.describe('Premier jour d’affichage (heure de Paris)'),
    endsOn: ParisDay.describe('Dernier jour d’affichage, inclus (heure de Paris)'),
  })
  .refine((body) => body.endsOn >= body.startsOn, {
    path: ['endsOn'],
    message: 'La fin de l’affichage vient après son début.',
  })
export type NewFlashMessage = z.infer<typeof NewFlashMessage>

export const FlashMessage = z.object({
  id: z.uuid(),
  text: z.string(),
  profiles: z.array(Profile),
  allSchools: z.boolean(),
  schools: z.array(z.object({ id: z.uuid(), name: z.string() })),
  startsOn: z.string(),
  endsOn: z.string(),
  createdAt: Timestamp,
  authorName: z.string().nullable(),
})
export type FlashMessage = z.infer<typeof FlashMessage>

export const FlashMessagesList = z.object({ messages: z.array(FlashMessage) })
export type FlashMessagesList = z.infer<typeof FlashMessagesList>

/** The banners the signed-in user has to see now, newest first. */
export const MyFlashMessages = z.object({
  banners: z.array(z.object({ id: z.uuid(), text: z.string(), endsOn: z.string() })),
})
export type MyFlashMessages = z.infer<typeof MyFlashMessages>

export const FlashMessageParams = z.object({ messageId: resourceId('Message introuvable.') })

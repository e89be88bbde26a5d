import { z } from 'zod'
import { resourceId, SchoolId } from './ids.ts'
import { Profile } from './structures.ts'
import { ListTotal } from './totals.ts'

export const DirectoryQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('Début du nom ou du prénom, sans tenir compte des accents'),
  profile: Profile.optional(),
  after: z.string().max(400).optional().describe('Curseur de la page suivante (nextAfter)'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
})

export const DirectoryPerson = z.object({
  id: z.uuid(),
  displayName: z.string(),
  profiles: z.array(Profile),
  isDirector: z.boolean(),
  classes: z.array(z.string()),
})
export type DirectoryPerson = z.infer<typeof DirectoryPerson>

export const DirectoryPage = z.object({
  people: z.array(DirectoryPerson),
  nextAfter: z.string().nullable(),
  total: ListTotal,
})
export type DirectoryPage = z.infer<typeof DirectoryPage>

const DirectoryGroup = z.object({
  id: z.string().describe('`class:<classe>:<profil>`, `school:<profil>` ou l’identifiant d’un groupe manuel'),
  name: z.string(),
  kind: z.enum(['class', 'school', 'manual']),
  size: z.number().int(),
})
export const DirectoryGroups = z.object({ groups: z.array(DirectoryGroup) })

export const ClassParams = z.object({ schoolId: SchoolId, classId: resourceId('Classe introuvable.') })

export const ClassFamilies = z.object({
  class: z.object({ id: z.uuid(), name: z.string() }),
  pupils: z.array(
    z.object({
      id: z.uuid(),
      displayName: z.string(),
      parents: z.array(
        z.object({
          id: z.uuid(),
          displayName: z.string(),
          email: z.string().nullable(),
          phone: z.string().nullable(),
        }),
      ),
    }),
  ),
})
export type ClassFamilies = z.infer<typeof ClassFamilies>

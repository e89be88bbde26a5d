import { z } from 'zod'
import { SchoolId } from './ids.ts'
import { ClassLevel, Profile, SchoolFunction, SchoolKind } from './structures.ts'

const PortalApp = z.object({
  id: z.string(),
  path: z.string(),
  ready: z.boolean(),
})

export const SchoolSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  uai: z.string(),
  kind: SchoolKind,
  profiles: z.array(Profile),
  functions: z.array(SchoolFunction),
  classes: z.array(z.object({ id: z.uuid(), name: z.string(), levels: z.array(ClassLevel) })),
  /** A parent's children in this school, each with their current classes. */
  children: z.array(
    z.object({ id: z.uuid(), firstName: z.string(), displayName: z.string(), classIds: z.array(z.uuid()) }),
  ),
})
export type SchoolSummary = z.infer<typeof SchoolSummary>

export const PortalResponse = z.object({
  user: z.object({
    id: z.uuid(),
    firstName: z.string(),
    displayName: z.string(),
    isSyndicateAdmin: z.boolean(),
    collectivityAdminOf: z.array(z.uuid()),
  }),
  apps: z.array(PortalApp),
  schools: z.array(SchoolSummary),
})
export type PortalResponse = z.infer<typeof PortalResponse>

export const SchoolParams = z.object({ schoolId: SchoolId })

export const SchoolResponse = SchoolSummary.extend({
  collectivity: z.object({ id: z.uuid(), name: z.string() }),
  schoolYear: z.string().nullable(),
  counts: z.object({ classes: z.number().int(), pupils: z.number().int(), teachers: z.number().int() }),
  allowedActions: z.array(z.string()),
})
export type SchoolResponse = z.infer<typeof SchoolResponse>

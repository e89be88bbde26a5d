import { z } from 'zod'
import { Profile, SchoolFunction } from './structures.ts'

export const LoginBody = z.object({
  login: z.string().trim().min(1, 'Saisissez votre identifiant.').max(200),
  password: z.string().min(1, 'Saisissez votre mot de passe.').max(1000),
})
export type LoginBody = z.infer<typeof LoginBody>

export const CsrfResponse = z.object({ token: z.string() })

export const MeResponse = z.object({
  id: z.uuid(),
  login: z.string(),
  displayName: z.string(),
  memberships: z.array(
    z.object({
      schoolId: z.uuid(),
      profile: Profile,
      functions: z.array(SchoolFunction),
      classIds: z.array(z.uuid()),
    }),
  ),
  isSyndicateAdmin: z.boolean(),
  collectivityAdminOf: z.array(z.uuid()),
})
export type MeResponse = z.infer<typeof MeResponse>

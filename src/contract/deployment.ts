import { z } from 'zod'

export { CHARTER_VERSIONS, type CharterVersion, CURRENT_CHARTER } from './charter.ts'

/**
 * The deployment's identity: the syndicate that runs Préau, where to write to it, and its data-protection
 * officer. Shown on the legal pages (public) and at the foot of every e-mail.
 */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `${max} caractères au plus.`)
    .transform((value) => (value === '' ? null : value))
    .nullable()

export const DeploymentIdentity = z.object({
  name: z.string().trim().min(3, 'Saisissez le nom du syndicat.').max(200, '200 caractères au plus.'),
  address: optionalText(500),
  dpoName: optionalText(200),
  dpoEmail: z
    .string()
    .trim()
    .max(254)
    .transform((value) => (value === '' ? null : value.toLowerCase()))
    .nullable()
    .refine((value) => value === null || z.email().safeParse(value).success, {
      message: 'Saisissez une adresse e-mail valide, comme dpo@syndicat.fr.',
    }),
  dpoAddress: optionalText(500),
})
export type DeploymentIdentity = z.output<typeof DeploymentIdentity>

export const CharterVersionInfo = z.object({
  version: z.string(),
  publishedOn: z.string(),
  changes: z.string(),
})

/** What the public sees of the deployment: its identity and the charter in force. */
export const DeploymentResponse = z.object({
  identity: z.object({
    name: z.string(),
    address: z.string().nullable(),
    dpoName: z.string().nullable(),
    dpoEmail: z.string().nullable(),
    dpoAddress: z.string().nullable(),
  }),
  charter: CharterVersionInfo,
})
export type DeploymentResponse = z.infer<typeof DeploymentResponse>

/** The signed-in user's standing with the charter: the version they accepted last, and whether to accept. */
export const CharterStatusResponse = z.object({
  current: CharterVersionInfo,
  acceptedVersion: z.string().nullable(),
  acceptedAt: z.iso.datetime().nullable(),
  mustAccept: z.boolean(),
})
export type CharterStatusResponse = z.infer<typeof CharterStatusResponse>

export const AcceptCharterBody = z.object({ version: z.string().trim().min(1).max(20) })

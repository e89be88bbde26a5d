import { z } from 'zod'
import { resourceId } from './ids.ts'
import { Profile, SchoolFunction } from './structures.ts'
import { Timestamp } from './timestamp.ts'

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
  secondFactorPending: z
    .boolean()
    .describe(
      'Des droits (direction, administration) attendent que cette session passe la double authentification',
    ),
})
export type MeResponse = z.infer<typeof MeResponse>

/**
 * Sign-in needs a second step: a TOTP code, or first the enrolment of an authenticator; `recovery-code`
 * when too many wrong codes locked the app's codes (a recovery code still opens).
 */
export const SecondStepResponse = z.object({ next: z.enum(['totp', 'totp-enrolment', 'recovery-code']) })
export type SecondStepResponse = z.infer<typeof SecondStepResponse>

export const TotpBody = z
  .object({
    code: z.string().trim().max(20).optional(),
    recoveryCode: z.string().trim().max(20).optional(),
  })
  .refine((body) => Boolean(body.code) !== Boolean(body.recoveryCode), {
    message: 'Saisissez le code de votre application, ou un code de secours.',
  })

export const TotpEnrolmentResponse = z.object({ secret: z.string(), uri: z.string(), qrCodeSvg: z.string() })
export const TotpConfirmBody = z.object({
  code: z.string().trim().min(6, 'Saisissez le code à 6 chiffres.').max(20),
})
export const RecoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) })

export const ActivationCheckBody = z.object({
  login: z.string().trim().min(1, 'Saisissez votre identifiant.').max(200),
  code: z.string().trim().min(1, 'Saisissez le code d’activation.').max(40),
})
export const ActivationCheckResponse = z.object({
  displayName: z.string(),
  isAdult: z.boolean(),
  passwordRule: z.object({ minLength: z.number().int(), label: z.string() }),
})
export type ActivationCheckResponse = z.infer<typeof ActivationCheckResponse>

export const ActivationBody = ActivationCheckBody.extend({
  password: z.string().min(1, 'Choisissez un mot de passe.').max(200),
  passwordConfirmation: z.string().max(200),
  acceptCharter: z.literal(true, 'Acceptez la charte d’utilisation pour continuer.'),
  email: z.email('Cette adresse e-mail n’est pas valide.').max(254).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^(?:\+33\s?|0)[1-9](?:[\s.-]?[0-9]{2}){4}$/, 'Ce numéro de téléphone n’est pas valide.')
    .optional(),
})
export type ActivationBody = z.infer<typeof ActivationBody>

export const PasswordResetRequestBody = z.object({
  loginOrEmail: z.string().trim().min(1, 'Saisissez votre identifiant ou votre adresse e-mail.').max(254),
})
export const PasswordResetBody = z.object({
  token: z.string().min(20).max(200),
  password: z.string().min(1, 'Choisissez un mot de passe.').max(200),
  passwordConfirmation: z.string().max(200),
})
export const AcceptedResponse = z.object({ detail: z.string() })

export const SessionsResponse = z.object({
  sessions: z.array(
    z.object({
      id: z.uuid(),
      createdAt: Timestamp,
      lastSeenAt: Timestamp,
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
      isCurrent: z.boolean(),
    }),
  ),
})
export const SessionParams = z.object({ sessionId: resourceId('Session introuvable.') })

export const SecurityResponse = z.object({
  totpEnabled: z.boolean(),
  totpRequired: z.boolean(),
  recoveryCodesLeft: z.number().int(),
})

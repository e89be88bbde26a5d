import { HttpProblem } from '../../plugins/errors.ts'

/** The identity module's answers that several routes share. */
export const invalidCredentials = () =>
  new HttpProblem(401, 'invalid-credentials', 'Identifiant ou mot de passe incorrect.')

export const signInBlocked = (seconds: number) =>
  new HttpProblem(
    429,
    'sign-in-blocked',
    `Trop de tentatives : réessayez dans ${Math.ceil(seconds / 60)} minute(s).`,
    {
      retryAfterSeconds: seconds,
    },
  )

export const startAgain = () =>
  new HttpProblem(401, 'challenge-expired', 'Reprenez la connexion depuis le début.')

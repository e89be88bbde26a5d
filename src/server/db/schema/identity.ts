import type { Generated } from 'kysely'
import type { CreatedAt, Timestamp } from './columns.ts'

/** Sessions and what people sign in with: passwords reset, activation codes, TOTP, devices, login cards. */

export interface SessionsTable {
  id: Generated<string>
  tokenHash: Buffer
  userId: string
  createdAt: CreatedAt
  lastSeenAt: Generated<Date>
  expiresAt: Timestamp
  ip: string | null
  userAgent: string | null
  revokedAt: Timestamp | null
  firstFactor: Generated<'password' | 'activation-code' | 'login-card'>
  secondFactor: 'totp' | 'recovery-code' | null
  secondFactorAt: Timestamp | null
}

export interface ActivationCodesTable {
  userId: string
  code: string
  expiresAt: Timestamp
  createdAt: CreatedAt
}

export interface PasswordResetsTable {
  tokenHash: Buffer
  userId: string
  expiresAt: Timestamp
  usedAt: Timestamp | null
  createdAt: CreatedAt
}

export interface SignInThrottlesTable {
  key: string
  failures: Generated<number>
  blockedUntil: Timestamp | null
  updatedAt: Generated<Date>
}

export interface SignInChallengesTable {
  tokenHash: Buffer
  userId: string
  expiresAt: Timestamp
  attempts: Generated<number>
  firstFactor: Generated<'password' | 'activation-code' | 'login-card'>
}

export interface UserTotpTable {
  userId: string
  secretEncrypted: string
  confirmedAt: Timestamp | null
  lastUsedStep: number | null
  failedCodes: Generated<number>
  retryAfter: Timestamp | null
  lockedAt: Timestamp | null
}

export interface RecoveryCodesTable {
  userId: string
  codeHash: Buffer
  usedAt: Timestamp | null
}

export interface KnownDevicesTable {
  userId: string
  deviceHash: Buffer
  userAgent: string | null
  firstSeenAt: CreatedAt
  lastSeenAt: Generated<Date>
}

export interface LoginCardsTable {
  schoolId: string
  classId: string
  userId: string
  tokenHash: Buffer
  createdAt: CreatedAt
}

export interface IdentityTables {
  sessions: SessionsTable
  activationCodes: ActivationCodesTable
  passwordResets: PasswordResetsTable
  signInThrottles: SignInThrottlesTable
  signInChallenges: SignInChallengesTable
  userTotp: UserTotpTable
  recoveryCodes: RecoveryCodesTable
  knownDevices: KnownDevicesTable
  loginCards: LoginCardsTable
}

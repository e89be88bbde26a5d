import path from 'node:path'
import { z } from 'zod'
import type { S3Settings } from './plugins/blobs/s3-storage.ts'

/**
 * Préau's whole configuration comes from environment variables, validated once at start.
 * A bad value stops the start with a message naming the variable (see `ConfigError`).
 * The table in README.md lists them; keep both in step.
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1')

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  PREAU_DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .optional()
    .describe('PostgreSQL ≥ 15; when unset Préau starts its embedded PostgreSQL'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  PREAU_DEMO: z.enum(['auto', 'always', 'never']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: booleanFromEnv.default(false),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  /** How often open WebSockets are pinged and their sessions checked (below a proxy's idle timeout). */
  REALTIME_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  METRICS_TOKEN: z.string().min(16).optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('Préau <ne-pas-repondre@preau.localhost>'),
  PREAU_SECRET_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'une clé de 32 octets en base64 est attendue')
    .optional(),
  ACTIVATION_CODE_DAYS: z.coerce.number().int().min(1).max(365).default(60),
  IMPORT_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  MERGE_UNDO_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  IMPORT_MAX_MB: z.coerce.number().int().min(1).max(2048).default(50),
  BLOB_STORE: z.enum(['disk', 's3']).default('disk'),
  BLOB_MAX_MB: z.coerce.number().int().min(1).max(4096).default(100),
  BLOB_GRACE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'un nom de bucket S3 est attendu')
    .optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: booleanFromEnv.optional(),
  S3_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._/-]*$/, 'lettres, chiffres, « . », « _ », « - » et « / » seulement')
    .default(''),
  MESSAGING_RECALL_MINUTES: z.coerce.number().int().min(0).max(1440).default(10),
  FEED_RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  MESSAGING_DAILY_LIMIT_PUPIL: z.coerce.number().int().min(0).default(20),
  MESSAGING_DAILY_LIMIT_PARENT: z.coerce.number().int().min(0).default(30),
  MESSAGING_DAILY_LIMIT_STAFF: z.coerce.number().int().min(0).default(300),
  MESSAGING_DAILY_LIMIT_OTHER: z.coerce.number().int().min(0).default(50),
  IMPORT_CONFIRM_MISSING_PERCENT: z.coerce.number().int().min(0).max(100).default(20),
})

export type Config = {
  port: number
  host: string
  publicUrl: string
  dataDir: string
  databaseUrl: string | undefined
  databasePoolSize: number
  demo: 'auto' | 'always' | 'never'
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL']
  trustProxy: boolean
  sessionIdleMinutes: number
  sessionAbsoluteHours: number
  realtimeHeartbeatSeconds: number
  rateLimitPerMinute: number
  loginRateLimitPerMinute: number
  metricsToken: string | undefined
  /** Unset: e-mails go to an SMTP sink inside the process that writes them under <data dir>/mail. */
  smtpUrl: string | undefined
  mailFrom: string
  /** Key of the secrets kept encrypted in the database (TOTP seeds); unset: one kept in the data dir. */
  secretKey: string | undefined
  activationCodeDays: number
  /** Days people missing from an ONDE import keep their access. */
  importGraceDays: number
  /** Days during which a merge of two accounts may be undone. */
  mergeUndoDays: number
  /** Largest import file accepted, in bytes. */
  importMaxBytes: number
  /** Where files are kept: `<data dir>/blobs`, or an S3-compatible bucket (ADR 0006). */
  blobStore: { kind: 'disk' } | ({ kind: 's3' } & S3Settings)
  /** Largest file a module may keep, in bytes. */
  blobMaxBytes: number
  /** Hours an unreferenced blob is kept before the nightly collection deletes it. */
  blobGraceHours: number
  /** An import marking more than this share (%) of a school missing must be confirmed with the number. */
  importMissingConfirmPercent: number
  /** Minutes during which an author may recall a message nobody has read yet. */
  messagingRecallMinutes: number
  /** Days a news-feed item and its deliveries are kept; a nightly job deletes older ones. */
  feedRetentionDays: number
  /**
   * Messages a person may send per rolling 24 hours, by profile (the most generous of the profiles they
   * hold in the school): pupils and parents far fewer than the teaching staff (hijacked accounts).
   */
  messagingDailyLimits: { pupil: number; parent: number; staff: number; other: number }
  /** True when PUBLIC_URL is https: cookies get the Secure flag. */
  isSecure: boolean
}

const SECRET_VARIABLES = new Set([
  'DATABASE_URL',
  'METRICS_TOKEN',
  'SMTP_URL',
  'PREAU_SECRET_KEY',
  'S3_SECRET_ACCESS_KEY',
])

/** Thrown when an environment variable has a bad value; its message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Reads and validates the configuration from `env` (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(ConfigSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  )
  const parsed = ConfigSchema.safeParse(relevant)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '?')
      const shown = SECRET_VARIABLES.has(name) ? '(valeur masquée)' : `« ${env[name]} »`
      return `${name} ${shown} : ${describeIssue(name, issue)}`
    })
    throw new ConfigError(`Configuration invalide — ${lines.join(' ; ')}`)
  }
  const c = parsed.data
  const blobStoreProblem = checkBlobStore(c)
  if (blobStoreProblem) throw new ConfigError(`Configuration invalide — ${blobStoreProblem}`)
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '')
  return {
    port: c.PORT,
    host: c.HOST,
    publicUrl,
    dataDir: path.resolve(c.PREAU_DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    databasePoolSize: c.DATABASE_POOL_SIZE,
    demo: c.PREAU_DEMO,
    logLevel: c.LOG_LEVEL,
    trustProxy: c.TRUST_PROXY,
    sessionIdleMinutes: c.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: c.SESSION_ABSOLUTE_HOURS,
    realtimeHeartbeatSeconds: c.REALTIME_HEARTBEAT_SECONDS,
    rateLimitPerMinute: c.RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: c.LOGIN_RATE_LIMIT_PER_MINUTE,
    metricsToken: c.METRICS_TOKEN,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    secretKey: c.PREAU_SECRET_KEY,
    activationCodeDays: c.ACTIVATION_CODE_DAYS,
    importGraceDays: c.IMPORT_GRACE_DAYS,
    mergeUndoDays: c.MERGE_UNDO_DAYS,
    importMaxBytes: c.IMPORT_MAX_MB * 1024 * 1024,
    blobStore: c.BLOB_STORE === 's3' ? { kind: 's3', ...s3Settings(c) } : { kind: 'disk' },
    blobMaxBytes: c.BLOB_MAX_MB * 1024 * 1024,
    blobGraceHours: c.BLOB_GRACE_HOURS,
    importMissingConfirmPercent: c.IMPORT_CONFIRM_MISSING_PERCENT,
    messagingRecallMinutes: c.MESSAGING_RECALL_MINUTES,
    feedRetentionDays: c.FEED_RETENTION_DAYS,
    messagingDailyLimits: {
      pupil: c.MESSAGING_DAILY_LIMIT_PUPIL,
      parent: c.MESSAGING_DAILY_LIMIT_PARENT,
      staff: c.MESSAGING_DAILY_LIMIT_STAFF,
      other: c.MESSAGING_DAILY_LIMIT_OTHER,
    },
    isSecure: publicUrl.startsWith('https://'),
  }
}

type ParsedConfig = z.infer<typeof ConfigSchema>

/** What the S3 variables lack or contradict; null when they are coherent. */
function checkBlobStore(c: ParsedConfig): string | null {
  if (c.BLOB_STORE === 's3' && !c.S3_BUCKET) return 'S3_BUCKET : requis quand BLOB_STORE=s3'
  if (Boolean(c.S3_ACCESS_KEY_ID) !== Boolean(c.S3_SECRET_ACCESS_KEY)) {
    return 'S3_ACCESS_KEY_ID et S3_SECRET_ACCESS_KEY : l’un ne va pas sans l’autre'
  }
  return null
}

function s3Settings(c: ParsedConfig): S3Settings {
  return {
    endpoint: c.S3_ENDPOINT,
    bucket: c.S3_BUCKET ?? '',
    region: c.S3_REGION,
    credentials:
      c.S3_ACCESS_KEY_ID && c.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: c.S3_ACCESS_KEY_ID, secretAccessKey: c.S3_SECRET_ACCESS_KEY }
        : undefined,
    // S3-compatible servers (MinIO, Garage…) mostly want the bucket in the path; AWS itself, in the host.
    forcePathStyle: c.S3_FORCE_PATH_STYLE ?? c.S3_ENDPOINT !== undefined,
    prefix: c.S3_PREFIX,
  }
}

function describeIssue(name: string, issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number' ? 'un nombre entier est attendu' : 'valeur de mauvais type'
    case 'too_small':
      return `doit être au moins ${String(issue.minimum)}`
    case 'too_big':
      return `doit être au plus ${String(issue.maximum)}`
    case 'invalid_value':
      return `valeurs possibles : ${issue.values.map(String).join(', ')}`
    case 'invalid_format':
      if (name === 'DATABASE_URL')
        return 'une URL postgresql://utilisateur:motdepasse@hôte:port/base est attendue'
      if (name === 'SMTP_URL') return 'une URL smtp://utilisateur:motdepasse@hôte:port est attendue'
      if (name === 'PREAU_SECRET_KEY')
        return 'une clé de 32 octets en base64 est attendue (openssl rand -base64 32)'
      if (issue.format === 'regex') return issue.message
      return 'une URL http:// ou https:// est attendue'
    default:
      return issue.message
  }
}

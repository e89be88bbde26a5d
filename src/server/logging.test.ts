import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import type { FastifyBaseLogger } from 'fastify'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from './app.ts'
import { loadConfig } from './config.ts'
import { requestLogger } from './logging.ts'
import { createTestDatabase, type TestDatabase } from './testing/test-database.ts'

describe('the request log', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(async () => {
    await database.drop()
  })

  /** What an app at `level` logs while answering `urls`, one parsed JSON object per line. */
  const logsAt = async (level: string, urls: string[]) => {
    const lines: Record<string, unknown>[] = []
    const logStream = new Writable({
      write(chunk, _encoding, callback) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line))
        callback()
      },
    })
    const app = await buildApp({
      config: loadConfig({ LOG_LEVEL: level, SMTP_URL: 'smtp://127.0.0.1:9' }),
      db: database.db,
      databaseUrl: database.url,
      secretKey: randomBytes(32),
      runJobs: false,
      logStream,
    })
    try {
      await app.ready()
      for (const url of urls)
        await app.inject({ method: 'GET', url, headers: { cookie: 'preau_session=s3cr3t' } })
    } finally {
      await app.close()
    }
    return lines.filter((line) => line.msg === 'request')
  }

  it('writes one line per request at info, its path without the query string and nothing secret', async () => {
    const lines = await logsAt('info', ['/health?token=t0k3n', '/api/nothing-here'])
    expect(lines).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/health',
        route: '/health',
        status: 200,
        reqId: expect.any(String),
      }),
      expect.objectContaining({ method: 'GET', path: '/api/nothing-here', status: 404 }),
    ])
    expect(JSON.stringify(lines)).not.toMatch(/t0k3n|s3cr3t/)
  })

  it('writes no line for a request that went well when the level is above info', async () => {
    expect(await logsAt('warn', ['/health', '/api/nothing-here'])).toEqual([])
  })
})

describe('a request’s logger', () => {
  const lines = () => {
    const written: Record<string, unknown>[] = []
    const stream = new Writable({
      write(chunk, _encoding, callback) {
        written.push(JSON.parse(String(chunk)))
        callback()
      },
    })
    return { written, stream }
  }

  it('writes at the levels its parent lets through, each line bound to the request', () => {
    const { written, stream } = lines()
    const parent = pino({ level: 'warn' }, stream) as unknown as FastifyBaseLogger
    const log = requestLogger(parent, { reqId: 'r-1' }, {})
    log.info('not written')
    log.debug('nor this')
    log.warn({ code: 7 }, 'slow answer')
    log.error('failed')
    expect(written.map((line) => [line.msg, line.reqId, line.level])).toEqual([
      ['slow answer', 'r-1', 40],
      ['failed', 'r-1', 50],
    ])
    expect(written[0]?.code).toBe(7)
    expect(log.level).toBe('warn')
  })

  it('follows a level of its own (a route’s), and makes children bound to the request', () => {
    const { written, stream } = lines()
    const parent = pino({ level: 'warn' }, stream) as unknown as FastifyBaseLogger
    const log = requestLogger(parent, { reqId: 'r-2' }, { level: 'debug' })
    log.debug('written')
    log.child({ step: 'import' }).warn('child line')
    expect(written.map((line) => [line.msg, line.reqId, line.step])).toEqual([
      ['written', 'r-2', undefined],
      ['child line', 'r-2', 'import'],
    ])
  })
})

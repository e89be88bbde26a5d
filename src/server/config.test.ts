import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

describe('configuration', () => {
  it('starts with sensible defaults and no variable at all', () => {
    const config = loadConfig({})
    expect(config.port).toBe(3000)
    expect(config.publicUrl).toBe('http://localhost:3000')
    expect(config.databaseUrl).toBeUndefined()
    expect(config.isSecure).toBe(false)
    expect(config.dataDir).toMatch(/data$/)
  })

  it('treats an https PUBLIC_URL as secure (Secure cookies, HSTS)', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://ent.example.fr/' })).toMatchObject({
      publicUrl: 'https://ent.example.fr',
      isSecure: true,
    })
  })

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PREAU_DEMO', 'maybe'],
    ['LOG_LEVEL', 'loud'],
    ['TRUST_PROXY', 'yes'],
    ['SESSION_IDLE_MINUTES', '0'],
    ['PUBLIC_URL', 'ftp://ent.example.fr'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError)
    expect(() => loadConfig({ [name]: value })).toThrow(
      new RegExp(`^Configuration invalide — ${name} « ${value} »`),
    )
  })

  it('never prints the value of DATABASE_URL, which may hold a password', () => {
    const attempt = () => loadConfig({ DATABASE_URL: 'mysql://admin:s3cret@db/preau' })
    expect(attempt).toThrow(/DATABASE_URL \(valeur masquée\)/)
    expect(attempt).not.toThrow(/s3cret/)
  })

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: '-1', PREAU_DEMO: 'x' })).toThrow(/PORT.*PREAU_DEMO/)
  })
})

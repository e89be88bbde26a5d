import { describe, expect, it } from 'vitest'
import { acceptsGzip } from './kept-answers.ts'

describe('Accept-Encoding', () => {
  it('admits gzip as browsers and tools ask for it, and not when refused or absent', () => {
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true)
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true)
    expect(acceptsGzip('*')).toBe(true)
    expect(acceptsGzip(['deflate', 'gzip'])).toBe(true)
    expect(acceptsGzip('gzip;q=0, br')).toBe(false)
    expect(acceptsGzip('br, zstd')).toBe(false)
    expect(acceptsGzip('identity')).toBe(false)
    expect(acceptsGzip(undefined)).toBe(false)
  })
})

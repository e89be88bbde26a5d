import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { latenciesByLabel, measureLoad, rotate, summariseLatencies } from './load.ts'

describe('summariseLatencies', () => {
  it('gives nearest-rank percentiles of unsorted values', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i) // 100 … 1
    expect(summariseLatencies(values)).toEqual({ count: 100, p50Ms: 50, p95Ms: 95, p99Ms: 99 })
  })

  it('rounds to a hundredth of a millisecond and survives no values', () => {
    expect(summariseLatencies([1.23456])).toEqual({ count: 1, p50Ms: 1.23, p95Ms: 1.23, p99Ms: 1.23 })
    expect(summariseLatencies([]).count).toBe(0)
    expect(summariseLatencies([]).p50Ms).toBeNaN()
  })
})

describe('latenciesByLabel', () => {
  it('summarises each label apart', () => {
    const byLabel = latenciesByLabel([
      ['a', 1],
      ['b', 10],
      ['a', 3],
      ['b', 20],
      ['a', 2],
    ])
    expect(Object.keys(byLabel)).toEqual(['a', 'b'])
    expect(byLabel.a).toMatchObject({ count: 3, p50Ms: 2, p99Ms: 3 })
    expect(byLabel.b).toMatchObject({ count: 2, p50Ms: 10, p99Ms: 20 })
  })
})

describe('rotate', () => {
  it('starts at the offset and wraps, whatever the offset', () => {
    expect(rotate([1, 2, 3], 0)).toEqual([1, 2, 3])
    expect(rotate([1, 2, 3], 1)).toEqual([2, 3, 1])
    expect(rotate([1, 2, 3], 4)).toEqual([2, 3, 1])
    expect(rotate([1, 2, 3], -1)).toEqual([3, 1, 2])
    expect(rotate([], 2)).toEqual([])
  })
})

describe('measureLoad with a loop of requests per connection', () => {
  it('keeps each connection on its own requests: one person, one session cookie per connection', async () => {
    const seen = new Map<string, Set<string>>()
    const server = http.createServer((request, response) => {
      const socket = `${request.socket.remotePort}`
      const cookies = seen.get(socket) ?? new Set<string>()
      cookies.add(request.headers.cookie ?? '')
      seen.set(socket, cookies)
      response.end('{}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    try {
      const perConnection = ['a', 'b', 'c', 'd'].map((who) => [
        { method: 'GET' as const, path: '/page', headers: { cookie: `session=${who}` }, label: 'page' },
      ])
      const round = await measureLoad(process.pid, {
        url: `http://127.0.0.1:${port}/`,
        connections: 4,
        seconds: 1,
        perConnection,
      })
      expect(round.errors).toBe(0)
      expect(round.byLabel.page?.count).toBe(round.requests)
      // Four sockets, each always with the same cookie, and the four cookies all used.
      expect([...seen.values()].every((cookies) => cookies.size === 1)).toBe(true)
      const used = new Set([...seen.values()].flatMap((cookies) => [...cookies]))
      expect(used).toEqual(new Set(['session=a', 'session=b', 'session=c', 'session=d']))
    } finally {
      server.close()
    }
  })
})

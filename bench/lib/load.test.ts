import { describe, expect, it } from 'vitest'
import { latenciesByLabel, rotate, summariseLatencies } from './load.ts'

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

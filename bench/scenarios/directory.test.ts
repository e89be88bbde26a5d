import { describe, expect, it } from 'vitest'
import { searchMix, searchPath } from './directory.ts'

describe('directory searches', () => {
  it('loops over prefixes of one to four letters, searches without q, and page 2 when there is one', () => {
    const mix = searchMix('cursor')
    const labels = new Set(mix.map((s) => s.label))
    expect(labels).toEqual(new Set(['q 1 lettre', 'q 2 lettres', 'q 3-4 lettres', 'sans q', 'page 2']))
    for (const s of mix.filter((s) => s.q !== undefined)) expect(s.q?.length).toBeLessThanOrEqual(4)
    expect(mix.filter((s) => s.after === 'cursor')).toHaveLength(1)
    expect(searchMix(null).some((s) => s.label === 'page 2')).toBe(false)
  })

  it('encodes accents and the cursor in the query string, with the page size of the web app', () => {
    const school = '01a22905-ceba-7000-80f1-97dcd9addcbb'
    expect(searchPath(school, { label: '', q: 'é' })).toBe(
      `/api/schools/${school}/directory?q=%C3%A9&limit=30`,
    )
    expect(searchPath(school, { label: '', after: 'WyJhIiwiYiJd' })).toBe(
      `/api/schools/${school}/directory?after=WyJhIiwiYiJd&limit=30`,
    )
  })
})

import { describe, expect, it } from 'vitest'
import en from './en.json' with { type: 'json' }
import fr from './fr.json' with { type: 'json' }

type Catalogue = { [key: string]: string | string[] | Catalogue }

/** Every text of a catalogue by its dotted key (lists: one entry per item). */
function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const texts = new Map<string, string>()
  for (const [key, value] of Object.entries(catalogue)) {
    const path = `${prefix}${key}`
    if (typeof value === 'string') texts.set(path, value)
    else if (Array.isArray(value)) texts.set(path, `[${value.length} items]`)
    else for (const [child, text] of flatten(value, `${path}.`)) texts.set(child, text)
  }
  return texts
}

const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort()

describe('the interface catalogues', () => {
  const french = flatten(fr as Catalogue)
  const english = flatten(en as Catalogue)

  it('have the same keys in French and English', () => {
    expect([...english.keys()].filter((key) => !french.has(key))).toEqual([])
    expect([...french.keys()].filter((key) => !english.has(key))).toEqual([])
  })

  it('use the same {{variables}} in both languages', () => {
    const mismatched = [...french].filter(
      ([key, text]) => english.has(key) && variables(text).join() !== variables(english.get(key)!).join(),
    )
    expect(mismatched.map(([key]) => key)).toEqual([])
  })
})

import { afterEach, describe, expect, it, vi } from 'vitest'
import { PersonAnswers } from './answers.ts'

const body = (text: string) => Buffer.from(JSON.stringify({ text }))

describe('answers kept per person', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('forgets every person a change names, and refuses an answer read before that change', () => {
    const answers = new PersonAnswers()
    const people = Array.from({ length: 700 }, (_, i) => `person-${i}`)
    for (const person of people) answers.set(person, 'feed:first', body(person), answers.stamp())
    const readBefore = answers.stamp()
    answers.forget(people.slice(0, 699))
    expect(answers.get('person-0', 'feed:first')).toBeUndefined()
    expect(answers.get('person-698', 'feed:first')).toBeUndefined()
    expect(answers.get('person-699', 'feed:first')?.toString()).toContain('person-699')
    // A read that started before the change must not store what it read; one after it may.
    answers.set('person-5', 'feed:first', body('stale'), readBefore)
    expect(answers.get('person-5', 'feed:first')).toBeUndefined()
    answers.set('person-5', 'feed:first', body('fresh'), answers.stamp())
    expect(answers.get('person-5', 'feed:first')?.toString()).toContain('fresh')
  })

  it('still knows a change a minute later, however many people were forgotten since', () => {
    vi.useFakeTimers()
    const answers = new PersonAnswers()
    const readBefore = answers.stamp()
    answers.forget(['slow-reader'])
    // Other changes a minute later start a new generation; the first one is still known.
    vi.advanceTimersByTime(61_000)
    answers.forget(['someone-else'])
    answers.set('slow-reader', 'messaging:inbox', body('stale'), readBefore)
    expect(answers.get('slow-reader', 'messaging:inbox')).toBeUndefined()
  })
})

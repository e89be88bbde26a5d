import { describe, expect, it } from 'vitest'
import { checkProxies, seatsPresent } from './attendance.ts'
import { CGCT_DEFAULT_RULES, parisDay, rulesForMeeting } from './body-rules.ts'
import { checkConvocationDelay, clearDaysBetween } from './convocation.ts'
import { computeQuorum, presentForItem, quorumThreshold } from './quorum.ts'
import { SEED_2019_12_ATTENDANCE } from './seed-2019-12.ts'

const rules = CGCT_DEFAULT_RULES

describe('the rules of a body by meeting date', () => {
  it('applies the CGCT defaults outside any transitional regime', () => {
    expect(rulesForMeeting(rules, '2019-06-26')).toEqual({ rules, regime: null })
    expect(rulesForMeeting(rules, '2022-08-01').regime).toBeNull()
    expect(rulesForMeeting(rules, '2020-03-23').regime).toBeNull()
  })

  it('applies one third and two proxies per holder from 24 March 2020 to 31 July 2022 inclusive', () => {
    for (const day of ['2020-03-24', '2021-06-15', '2022-07-31']) {
      const applied = rulesForMeeting(rules, day)
      expect(applied.regime?.id).toBe('covid-19')
      expect(applied.rules.quorumShare).toBe('one_third')
      expect(applied.rules.proxiesPerHolder).toBe(2)
      expect(applied.rules.convocationClearDays).toBe(rules.convocationClearDays)
    }
  })

  it('counts meeting days in Paris time', () => {
    expect(parisDay(new Date('2019-06-25T22:30:00Z'))).toBe('2019-06-26')
    expect(parisDay(new Date('2019-12-31T22:59:00Z'))).toBe('2019-12-31')
  })
})

describe('quorum', () => {
  it('is more than half the members in office, or one third rounded up', () => {
    expect([20, 21, 1, 2, 3].map((n) => quorumThreshold(n, { quorumShare: 'majority' }))).toEqual([
      11, 11, 1, 2, 2,
    ])
    expect([20, 21, 3, 0].map((n) => quorumThreshold(n, { quorumShare: 'one_third' }))).toEqual([7, 7, 1, 0])
  })

  it('counts the present only, unless the statutes count the represented', () => {
    const input = { membersInOffice: 20, present: 10, represented: 4, secondConvocation: false }
    expect(computeQuorum(input, rules)).toMatchObject({ required: 11, counted: 10, met: false })
    const represented = computeQuorum(input, { ...rules, quorumBase: 'present_or_represented' })
    expect(represented).toMatchObject({ required: 11, counted: 14, met: true })
    expect(represented.sentence).toBe(
      'Le quorum étant atteint, le comité syndical peut valablement délibérer.',
    )
  })

  it('is waived on a second convocation, and says so', () => {
    const q = computeQuorum(
      { membersInOffice: 20, present: 3, represented: 0, secondConvocation: true },
      rules,
    )
    expect(q.met).toBe(true)
    expect(q.waivedBySecondConvocation).toBe(true)
    expect(q.sentence).toContain('sans condition de quorum')
  })

  it('follows arrivals, departures and withdrawals for a personal interest item by item', () => {
    const opening = ['a', 'b', 'c']
    const movements = [
      { delegateId: 'd', kind: 'arrival' as const, beforeItem: 2 },
      { delegateId: 'a', kind: 'departure' as const, beforeItem: 3 },
      { delegateId: 'a', kind: 'arrival' as const, beforeItem: 5 },
    ]
    expect([...presentForItem(opening, movements, 1)].sort()).toEqual(['a', 'b', 'c'])
    expect([...presentForItem(opening, movements, 2)].sort()).toEqual(['a', 'b', 'c', 'd'])
    expect([...presentForItem(opening, movements, 3)].sort()).toEqual(['b', 'c', 'd'])
    expect([...presentForItem(opening, movements, 3, ['b'])].sort()).toEqual(['c', 'd'])
    expect([...presentForItem(opening, movements, 5)].sort()).toEqual(['a', 'b', 'c', 'd'])
  })
})

describe('proxies', () => {
  const line = (
    delegateId: string,
    status: 'present' | 'excused' | 'absent' | 'substituted',
    holder: string | null = null,
  ) => ({
    delegateId,
    name: delegateId,
    status,
    proxyHolderId: holder,
  })

  it('accepts the four proxies of the seed', () => {
    const check = checkProxies(SEED_2019_12_ATTENDANCE, rules)
    expect(check.issues).toEqual([])
    expect(check.valid).toHaveLength(4)
    expect(seatsPresent(SEED_2019_12_ATTENDANCE)).toHaveLength(10)
  })

  it('refuses a proxy to an absent member, from a member present, and to oneself', () => {
    const check = checkProxies(
      [
        line('A', 'excused', 'B'),
        line('B', 'absent'),
        line('C', 'present', 'D'),
        line('D', 'present'),
        line('E', 'excused', 'E'),
      ],
      rules,
    )
    expect(check.valid).toEqual([])
    expect(check.issues.map((i) => i.code)).toEqual(['holder_absent', 'giver_present', 'holder_is_giver'])
    expect(check.issues[0]?.message).toBe('La procuration de A est donnée à B, qui n’est pas présent.')
  })

  it('counts a suppléant sitting as present, so the seat can hold a proxy', () => {
    const check = checkProxies([line('A', 'excused', 'B'), line('B', 'substituted')], rules)
    expect(check.valid).toEqual([{ giverId: 'A', holderId: 'B' }])
  })

  it('refuses a second proxy to one holder where one is allowed, and accepts it where two are', () => {
    const lines = [line('A', 'excused', 'H'), line('B', 'excused', 'H'), line('H', 'present')]
    const one = checkProxies(lines, rules)
    expect(one.valid).toEqual([{ giverId: 'A', holderId: 'H' }])
    expect(one.issues).toEqual([
      {
        giverId: 'B',
        code: 'holder_over_limit',
        message:
          'H détient déjà une seule procuration, le maximum autorisé : la procuration de B ne compte pas.',
      },
    ])
    expect(checkProxies(lines, { ...rules, proxiesPerHolder: 2 }).valid).toHaveLength(2)
    expect(checkProxies(lines, rulesForMeeting(rules, '2021-01-14').rules).issues).toEqual([])
  })

  it('refuses a proxy used beyond its validity in consecutive meetings', () => {
    const check = checkProxies(
      [{ ...line('A', 'excused', 'H'), proxyMeetingCount: 4 }, line('H', 'present')],
      rules,
    )
    expect(check.issues.map((i) => i.code)).toEqual(['expired'])
    const third = checkProxies(
      [{ ...line('A', 'excused', 'H'), proxyMeetingCount: 3 }, line('H', 'present')],
      rules,
    )
    expect(third.issues).toEqual([])
  })

  it('checks the holder against those present at the item', () => {
    const lines = [line('A', 'excused', 'H'), line('H', 'present')]
    expect(checkProxies(lines, rules, new Set()).issues.map((i) => i.code)).toEqual(['holder_absent'])
  })
})

describe('convocation delay', () => {
  it('counts clear days, neither the sending day nor the meeting day', () => {
    expect(clearDaysBetween('2019-06-20', '2019-06-26')).toBe(5)
    expect(clearDaysBetween('2019-06-25', '2019-06-26')).toBe(0)
    expect(clearDaysBetween('2019-06-26', '2019-06-26')).toBe(0)
  })

  it('accepts the seed’s convocation of 20 June for 26 June, and refuses one sent too late', () => {
    const kind = { emergency: false, secondConvocation: false }
    expect(checkConvocationDelay('2019-06-20', '2019-06-26', rules, kind)).toMatchObject({
      ok: true,
      clearDays: 5,
    })
    const late = checkConvocationDelay('2019-06-22', '2019-06-26', rules, kind)
    expect(late.ok).toBe(false)
    expect(late.message).toBe(
      'La convocation doit partir au moins 5 jours francs avant la séance ; envoyée le 22/06/2019, elle n’en laisse que 3.',
    )
  })

  it('allows one clear day in an emergency and three for a second convocation', () => {
    expect(
      checkConvocationDelay('2019-06-24', '2019-06-26', rules, { emergency: true, secondConvocation: false })
        .ok,
    ).toBe(true)
    expect(
      checkConvocationDelay('2019-06-25', '2019-06-26', rules, { emergency: true, secondConvocation: false })
        .ok,
    ).toBe(false)
    expect(
      checkConvocationDelay('2019-06-22', '2019-06-26', rules, { emergency: false, secondConvocation: true })
        .ok,
    ).toBe(true)
  })
})

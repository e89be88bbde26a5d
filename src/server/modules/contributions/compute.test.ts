import { describe, expect, it } from 'vitest'
import {
  type ContributionCriteria,
  ContributionRuleError,
  computeContributions,
  daysInYear,
  type MemberCounts,
  membershipDays,
} from './compute.ts'

const none: ContributionCriteria = {
  perMemberCents: 0,
  perSchoolCents: 0,
  perClassCents: 0,
  perPupilAccountCents: 0,
  perInhabitantCents: 0,
  floorCents: null,
  capCents: null,
  fixedTotalCents: null,
}

const member = (name: string, counts: Partial<MemberCounts> = {}): MemberCounts => ({
  collectivityId: `id-${name}`,
  name,
  schools: 1,
  classes: 1,
  pupilAccounts: 1,
  population: 1,
  joinedOn: '2020-01-01',
  leftOn: null,
  ...counts,
})

describe('the days of membership', () => {
  it('counts the year’s days, leap years included', () => {
    expect(daysInYear(2026)).toBe(365)
    expect(daysInYear(2028)).toBe(366)
  })

  it('counts from the adhesion (inclusive) to the withdrawal (exclusive), within the year', () => {
    expect(membershipDays(2026, '2019-06-26', null)).toBe(365)
    expect(membershipDays(2026, '2026-03-15', null)).toBe(292)
    expect(membershipDays(2026, '2020-01-01', '2026-07-01')).toBe(181)
    expect(membershipDays(2026, '2026-12-31', null)).toBe(1)
    expect(membershipDays(2026, '2020-01-01', '2026-01-01')).toBe(0)
    expect(membershipDays(2026, '2027-01-01', null)).toBe(0)
  })
})

describe('a member’s contribution', () => {
  /*
   * Checked by hand (2026: 365 days). Rule: 500 € per member, 200 € per school, 30 € per class,
   * 1,50 € per pupil account opened, 0,05 € per inhabitant; floor 1 000 €, cap 6 000 €.
   *
   * Arras-sur-Lys   2 schools, 9 classes, 180 accounts, 4 200 inh., all year:
   *                 500 + 400 + 270 + 270 + 210 = 1 650,00 €
   * Bray            1, 2, 30, 600, all year: 500 + 200 + 60 + 45 + 30 = 835 € < floor → 1 000,00 €
   * Communauté du Val  10, 60, 1 300, 45 000, all year:
   *                 500 + 2 000 + 1 800 + 1 950 + 2 250 = 8 500 € > cap → 6 000,00 €
   * Douvrin         3, 12, 250, 7 000, joins 15 March: 500 + 600 + 360 + 375 + 350 = 2 185 €
   *                 × 292/365 = 1 748,00 €
   * Éperlecques     1, 4, 90, 2 500, leaves 1 July: 500 + 200 + 120 + 135 + 125 = 1 080 €
   *                 × 181/365 = 535,5616… → 535,56 €
   * Fampoux         left on 1 September 2025: no line.
   * Total           1 650 + 1 000 + 6 000 + 1 748 + 535,56 = 10 933,56 €
   */
  const rule: ContributionCriteria = {
    perMemberCents: 50_000,
    perSchoolCents: 20_000,
    perClassCents: 3_000,
    perPupilAccountCents: 150,
    perInhabitantCents: 5,
    floorCents: 100_000,
    capCents: 600_000,
    fixedTotalCents: null,
  }
  const members = [
    member('Éperlecques', {
      schools: 1,
      classes: 4,
      pupilAccounts: 90,
      population: 2_500,
      leftOn: '2026-07-01',
    }),
    member('Arras-sur-Lys', { schools: 2, classes: 9, pupilAccounts: 180, population: 4_200 }),
    member('Bray', { schools: 1, classes: 2, pupilAccounts: 30, population: 600, joinedOn: '2019-09-01' }),
    member('Communauté du Val', { schools: 10, classes: 60, pupilAccounts: 1_300, population: 45_000 }),
    member('Douvrin', {
      schools: 3,
      classes: 12,
      pupilAccounts: 250,
      population: 7_000,
      joinedOn: '2026-03-15',
    }),
    member('Fampoux', { leftOn: '2025-09-01' }),
  ]

  it('computes the hand-checked example with every criterion', () => {
    const result = computeContributions(2026, rule, members)
    expect(result.lines.map((line) => [line.name, line.amountCents, line.days])).toEqual([
      ['Arras-sur-Lys', 165_000, 365],
      ['Bray', 100_000, 365],
      ['Communauté du Val', 600_000, 365],
      ['Douvrin', 174_800, 292],
      ['Éperlecques', 53_556, 181],
    ])
    expect(result.totalCents).toBe(1_093_356)
  })

  it('explains each line by parts that sum to its amount', () => {
    const result = computeContributions(2026, rule, members)
    for (const line of result.lines)
      expect(line.breakdown.reduce((sum, item) => sum + item.cents, 0)).toBe(line.amountCents)
    const byName = Object.fromEntries(result.lines.map((line) => [line.name, line.breakdown]))
    expect(byName.Bray?.at(-1)).toEqual({ part: 'floor', units: null, rateCents: null, cents: 16_500 })
    expect(byName['Communauté du Val']?.at(-1)).toEqual({
      part: 'cap',
      units: null,
      rateCents: null,
      cents: -250_000,
    })
    expect(byName.Éperlecques).toEqual([
      { part: 'perMember', units: 1, rateCents: 50_000, cents: 50_000 },
      { part: 'perSchool', units: 1, rateCents: 20_000, cents: 20_000 },
      { part: 'perClass', units: 4, rateCents: 3_000, cents: 12_000 },
      { part: 'perPupilAccount', units: 90, rateCents: 150, cents: 13_500 },
      { part: 'perInhabitant', units: 2_500, rateCents: 5, cents: 12_500 },
      { part: 'proRata', units: 181, rateCents: null, cents: -54_444 },
    ])
  })

  it('gives the same cents whatever the order of the members', () => {
    const once = computeContributions(2026, rule, members)
    const reversed = computeContributions(2026, rule, [...members].reverse())
    expect(reversed).toEqual(once)
  })

  it('rounds pro rata half up, once per line', () => {
    // 2028 has 366 days: 183 cents × 1 day / 366 = 0,5 cent exactly → 1 cent; 182 cents → 0,497… → 0.
    const flat = (cents: number) => ({ ...none, perMemberCents: cents })
    const lastDay = [member('A', { joinedOn: '2028-12-31' })]
    expect(computeContributions(2028, flat(183), lastDay).lines[0]?.amountCents).toBe(1)
    expect(computeContributions(2028, flat(182), lastDay).lines[0]?.amountCents).toBe(0)
  })

  it('applies floor and cap to the annual amount, before pro rata', () => {
    const result = computeContributions(2026, { ...none, perMemberCents: 100, floorCents: 36_500 }, [
      member('Mi-année', { joinedOn: '2026-07-02' }),
    ])
    // 36 500 × 183 / 365 = 18 300.
    expect(result.lines[0]?.amountCents).toBe(18_300)
  })
})

describe('a fixed total shared by the criteria', () => {
  it('shares it by the largest remainder, the lines summing exactly to the total', () => {
    const result = computeContributions(2026, { ...none, perMemberCents: 1, fixedTotalCents: 100_000 }, [
      member('Trois'),
      member('Un'),
      member('Deux'),
    ])
    // Equal weights: 33 333,33… each; the one cent left goes to the first in name order.
    expect(result.lines.map((line) => [line.name, line.amountCents])).toEqual([
      ['Deux', 33_334],
      ['Trois', 33_333],
      ['Un', 33_333],
    ])
    expect(result.totalCents).toBe(100_000)
  })

  it('sums to the total for any counts and dates', () => {
    let seed = 7
    const random = (max: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
      return seed % max
    }
    for (let round = 0; round < 50; round++) {
      const counts = Array.from({ length: 1 + random(40) }, (_, index) =>
        member(`M${index}`, {
          schools: random(20),
          classes: random(100),
          pupilAccounts: random(3_000),
          population: random(100_000),
          joinedOn: `2026-${String(1 + random(12)).padStart(2, '0')}-01`,
        }),
      )
      const total = 1 + random(50_000_000)
      const result = computeContributions(
        2026,
        {
          ...none,
          perSchoolCents: 1 + random(50_000),
          perInhabitantCents: random(20),
          fixedTotalCents: total,
        },
        counts,
      )
      expect(result.lines.reduce((sum, line) => sum + line.amountCents, 0)).toBe(total)
      for (const line of result.lines)
        expect(line.breakdown.reduce((sum, item) => sum + item.cents, 0)).toBe(line.amountCents)
    }
  })
})

describe('a rule that cannot be applied', () => {
  it('refuses negative amounts, a floor above the cap, no criterion, a total with bounds', () => {
    const refused = (criteria: Partial<ContributionCriteria>) => () =>
      computeContributions(2026, { ...none, perMemberCents: 1, ...criteria }, [member('A')])
    expect(refused({ perSchoolCents: -5 })).toThrow(
      'Le montant par école doit être un nombre positif de centimes.',
    )
    expect(refused({ perClassCents: 1.5 })).toThrow(ContributionRuleError)
    expect(refused({ floorCents: 10, capCents: 5 })).toThrow('Le plancher dépasse le plafond.')
    expect(refused({ perMemberCents: 0 })).toThrow('au moins un critère')
    expect(refused({ fixedTotalCents: 100, capCents: 5 })).toThrow('ne se combine pas')
  })
})

/**
 * Guardian rows with the same names in one school: one person, or several? Rows that share an address,
 * an e-mail or a phone are one person (a guardian listed once per family of children); rows linked by
 * nothing are a « possible duplicate » the director decides — never guessed.
 */

export interface GuardianRow {
  line: number
  email: string | null
  phones: string[]
  addressKey: string | null
}

/** Groups of lines, each one person by what the rows share; groups in line order. */
export function personsOf(rows: readonly GuardianRow[]): number[][] {
  const parent = rows.map((_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!
      i = parent[i]!
    }
    return i
  }
  const firstWith = new Map<string, number>()
  rows.forEach((row, i) => {
    const keys = [
      row.email ? `e:${row.email}` : null,
      row.addressKey ? `a:${row.addressKey}` : null,
      ...row.phones.map((phone) => `p:${phone}`),
    ]
    for (const key of keys) {
      if (key === null) continue
      const other = firstWith.get(key)
      if (other === undefined) firstWith.set(key, i)
      else parent[find(i)] = find(other)
    }
  })
  const groups = new Map<number, number[]>()
  rows.forEach((row, i) => {
    const root = find(i)
    const group = groups.get(root) ?? []
    groups.set(root, group)
    group.push(row.line)
  })
  return [...groups.values()].map((lines) => lines.sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!)
}

/** A small table of figures, printed with aligned columns (numbers to the right). */
export type Table = { title: string; columns: string[]; rows: (string | number)[][]; notes?: string[] }

/** Formats a table as text lines: title, header, rule, rows, then notes. */
export function formatTable(table: Table): string {
  const cells = table.rows.map((row) => row.map(formatCell))
  const widths = table.columns.map((column, i) =>
    Math.max(column.length, ...cells.map((row) => (row[i] ?? '').length)),
  )
  const line = (values: string[], isHeader = false) =>
    values
      .map((value, i) => {
        const width = widths[i] ?? 0
        const isNumeric = !isHeader && typeof table.rows[0]?.[i] === 'number'
        return i === 0 || !isNumeric ? value.padEnd(width) : value.padStart(width)
      })
      .join('  ')
      .trimEnd()
  return [
    `\n${table.title}`,
    line(table.columns, true),
    widths.map((width) => '─'.repeat(width)).join('  '),
    ...cells.map((row) => line(row)),
    ...(table.notes ?? []).map((note) => `  ${note}`),
  ].join('\n')
}

function formatCell(value: string | number): string {
  if (typeof value === 'string') return value
  if (!Number.isFinite(value)) return '–'
  // Thin grouping for big numbers; up to 2 decimals for small ones.
  return Math.abs(value) >= 1000
    ? Math.round(value).toLocaleString('en-US').replaceAll(',', ' ')
    : String(Math.round(value * 100) / 100)
}

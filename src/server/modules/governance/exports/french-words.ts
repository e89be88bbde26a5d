/**
 * Numbers and dates in French words, as a register writes them (« le vingt-six juin deux mille
 * dix-neuf »), with the 1990 spelling's hyphens between all parts.
 */
const UNITS = [
  'zéro',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
  'dix-sept',
  'dix-huit',
  'dix-neuf',
]
const TENS = [
  '',
  '',
  'vingt',
  'trente',
  'quarante',
  'cinquante',
  'soixante',
  'soixante',
  'quatre-vingt',
  'quatre-vingt',
]

function belowHundred(n: number): string {
  if (n < 20) return UNITS[n] as string
  const ten = Math.floor(n / 10)
  let unit = n % 10
  if (ten === 7 || ten === 9) unit += 10
  const base = TENS[ten] as string
  if (unit === 0) return ten === 8 ? 'quatre-vingts' : base
  if ((unit === 1 || unit === 11) && ten < 8) return `${base}-et-${UNITS[unit]}`
  return `${base}-${UNITS[unit]}`
}

function belowThousand(n: number): string {
  const hundreds = Math.floor(n / 100)
  const rest = n % 100
  if (hundreds === 0) return belowHundred(rest)
  const head = hundreds === 1 ? 'cent' : `${UNITS[hundreds]}-cent${rest === 0 ? 's' : ''}`
  return rest === 0 ? head : `${head}-${belowHundred(rest)}`
}

/** 0 ≤ n < 1,000,000 in words. */
export function numberInWords(n: number): string {
  const thousands = Math.floor(n / 1000)
  const rest = n % 1000
  if (thousands === 0) return belowThousand(rest)
  const head = thousands === 1 ? 'mille' : `${belowThousand(thousands).replace(/cents$/, 'cent')}-mille`
  return rest === 0 ? head : `${head}-${belowThousand(rest)}`
}

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
]

/** `2019-06-26` → « vingt-six juin deux mille dix-neuf » (« premier » for the first of the month). */
export function dayInWords(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const date = d === 1 ? 'premier' : numberInWords(d)
  return `${date} ${MONTHS[m - 1]} ${numberInWords(y)
    .replace(/-mille-/, ' mille ')
    .replace(/^mille-/, 'mille ')}`
}

/** `2019-06-26` → « 26 juin 2019 ». */
export function dayInFigures(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return `${d === 1 ? '1er' : d} ${MONTHS[m - 1]} ${y}`
}

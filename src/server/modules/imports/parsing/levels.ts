import { CLASS_LEVELS, type ClassLevel } from '../../../../contract/structures.ts'
import { upperWords } from './text.ts'

/**
 * Class levels from the words of ONDE's « Niveau » column or of a class name (« CE2 de Mme LAMBERT »,
 * « CM1-CM2 », « Grande section »). CLIS, the former name of ULIS, reads as ULIS.
 */

const LEVEL_WORDS = new Map<string, ClassLevel>([
  ...CLASS_LEVELS.map((level) => [level, level] as const),
  ['CLIS', 'ULIS'],
])

// Spelled-out sections, longest first so « toute petite section » is not read as « petite section ».
const SPELLED_SECTIONS: ReadonlyArray<readonly [readonly string[], ClassLevel]> = [
  [['TOUTE', 'PETITE', 'SECTION'], 'TPS'],
  [['TRES', 'PETITE', 'SECTION'], 'TPS'],
  [['PETITE', 'SECTION'], 'PS'],
  [['MOYENNE', 'SECTION'], 'MS'],
  [['GRANDE', 'SECTION'], 'GS'],
]

// « CE 1 », « CM 2 »: a level split by a space.
const SPLIT_LEVEL = /^(CE|CM)$/

interface LevelScan {
  levels: ClassLevel[]
  /** Words that are not level words. */
  others: string[]
}

function scanLevels(text: string): LevelScan {
  const words = upperWords(text)
  const levels: ClassLevel[] = []
  const others: string[] = []
  const add = (level: ClassLevel) => {
    if (!levels.includes(level)) levels.push(level)
  }
  for (let i = 0; i < words.length; i++) {
    const spelled = SPELLED_SECTIONS.find(([parts]) => parts.every((part, k) => words[i + k] === part))
    if (spelled) {
      add(spelled[1])
      i += spelled[0].length - 1
      continue
    }
    const word = words[i]!
    const next = words[i + 1]
    if (SPLIT_LEVEL.test(word) && (next === '1' || next === '2')) {
      add(`${word}${next}` as ClassLevel)
      i++
      continue
    }
    const level = LEVEL_WORDS.get(word)
    if (level) add(level)
    else others.push(word)
  }
  return { levels: levels.sort((a, b) => CLASS_LEVELS.indexOf(a) - CLASS_LEVELS.indexOf(b)), others }
}

/**
 * The levels a class name names, in school order: « CE2 de Mme LAMBERT » → [CE2], « CM1-CM2 » →
 * [CM1, CM2], « CLIS » → [ULIS], « Les Dauphins » → [].
 */
export function levelsInClassName(className: string): ClassLevel[] {
  return scanLevels(className).levels
}

/**
 * A « Niveau » cell: the levels it holds when it holds nothing else (« CE1 », « CLIS », « CM1-CM2 »,
 * « Grande section »), or null when some word is not a level (« UPE2A »).
 */
export function parseLevelCell(value: string): ClassLevel[] | null {
  const scan = scanLevels(value)
  return scan.others.length === 0 && scan.levels.length > 0 ? scan.levels : null
}

import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PossibleDuplicate } from '../../../contract/imports.ts'
import { RadioGroupField } from '../../ui/ChoiceGroup.tsx'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import { FormAlert } from '../administration/components/FormParts.tsx'
import { type DuplicateDecision, type ImportReport, useDecideDuplicates } from './api.ts'

const K = 'imports.duplicates' as const

/**
 * Guardians with the same names on several lines and nothing else in common: for each, the lines and
 * « Même personne » / « Personnes différentes ». Each choice is saved at once and the report comes back
 * planned again (the counts change with it).
 */
export function Duplicates({
  schoolId,
  report,
  say,
}: {
  schoolId: string
  report: ImportReport
  say: (notice: string) => void
}) {
  const { t, i18n } = useTranslation()
  const errorText = useErrorText()
  const headingId = useId()
  const decide = useDecideDuplicates(schoolId, report.id)
  // The choice shows at once; the saved report confirms it a moment later.
  const [choices, setChoices] = useState<Record<string, DuplicateDecision>>({})
  const [error, setError] = useState<string | null>(null)
  const isOpen = report.status === 'staged'
  const undecided = report.duplicates.filter((d) => !(choices[d.key] ?? d.decision)).length

  const choose = async (duplicate: PossibleDuplicate, decision: DuplicateDecision) => {
    setChoices((current) => ({ ...current, [duplicate.key]: decision }))
    setError(null)
    try {
      await decide.mutateAsync({ [duplicate.key]: decision })
      say(t(`${K}.saved`, { name: duplicate.name, choice: t(`${K}.${decision}`) }))
    } catch (failure) {
      setChoices(({ [duplicate.key]: _, ...others }) => others)
      setError(errorText(failure))
    }
  }

  return (
    <section className="import-section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t(`${K}.title`)} <span className="import-count-badge">{report.duplicates.length}</span>
      </h2>
      <p>{t(`${K}.intro`)}</p>
      {isOpen && (
        <p className="import-duplicates__left">
          {undecided > 0 ? t(`${K}.undecided`, { count: undecided }) : t(`${K}.allDecided`)}
        </p>
      )}
      <FormAlert message={error} />
      <ul className="import-duplicates">
        {report.duplicates.map((duplicate) => (
          <li key={duplicate.key} className="card import-duplicate">
            {isOpen ? (
              <RadioGroupField
                label={duplicate.name}
                description={linesOf(duplicate)}
                value={choices[duplicate.key] ?? duplicate.decision ?? ''}
                onChange={(value) => void choose(duplicate, value as DuplicateDecision)}
                choices={[
                  { value: 'same', label: t(`${K}.same`), hint: t(`${K}.sameHint`) },
                  { value: 'distinct', label: t(`${K}.distinct`), hint: t(`${K}.distinctHint`) },
                ]}
              />
            ) : (
              <>
                <p className="import-duplicate__name">{duplicate.name}</p>
                <p className="field__description">{linesOf(duplicate)}</p>
                <p>{t(duplicate.decision ? `${K}.${duplicate.decision}` : `${K}.distinct`)}</p>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  )

  function linesOf(duplicate: PossibleDuplicate): string {
    const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' })
    const all = duplicate.groups.flat()
    if (duplicate.groups.every((group) => group.length === 1)) {
      return t(`${K}.lines`, { lines: list.format(all.map(String)), file: duplicate.file })
    }
    return t(`${K}.groups`, {
      file: duplicate.file,
      groups: duplicate.groups.map((group) => `(${list.format(group.map(String))})`).join(' ; '),
    })
  }
}

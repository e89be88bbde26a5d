import { useTranslation } from 'react-i18next'
import { ACTIVATION_STATES } from '../../../../contract/accounts.ts'
import { PROFILES } from '../../../../contract/structures.ts'
import { SelectField } from '../../../ui/SelectField.tsx'
import { TextField } from '../../../ui/TextField.tsx'
import type { UserFilters as Filters } from './api.ts'

/** The filters of the school's people: a name, a profile, a class, an activation state, present or removed. */
export function UserFilters({
  filters,
  search,
  onSearch,
  onChange,
  classes,
}: {
  filters: Filters
  /** The name being typed (the list follows it after a pause). */
  search: string
  onSearch: (q: string) => void
  onChange: (filters: Filters) => void
  classes: { id: string; name: string }[]
}) {
  const { t } = useTranslation()
  const k = 'administration.accounts.list' as const
  const set = (change: Partial<Filters>) => onChange({ ...filters, ...change })
  return (
    <search className="filters" aria-label={t(`${k}.filters`)}>
      <TextField
        className="filters__wide"
        label={t(`${k}.search`)}
        description={t('administration.people.searchHint')}
        value={search}
        onChange={onSearch}
        type="search"
        inputProps={{ autoCorrect: 'off', spellCheck: false }}
      />
      <SelectField
        label={t(`${k}.profile`)}
        value={filters.profile ?? ''}
        onChange={(profile) => set({ profile: (profile || undefined) as Filters['profile'] })}
        placeholder={t(`${k}.allProfiles`)}
        options={PROFILES.map((profile) => ({ value: profile, label: t(`profiles.${profile}`) }))}
      />
      <SelectField
        label={t(`${k}.class`)}
        value={filters.classId ?? ''}
        onChange={(classId) => set({ classId: classId || undefined })}
        placeholder={t(`${k}.allClasses`)}
        options={classes.map((c) => ({ value: c.id, label: c.name }))}
      />
      <SelectField
        label={t(`${k}.activation`)}
        value={filters.activation ?? ''}
        onChange={(activation) => set({ activation: (activation || undefined) as Filters['activation'] })}
        placeholder={t(`${k}.allStates`)}
        options={ACTIVATION_STATES.map((state) => ({ value: state, label: t(`${k}.states.${state}`) }))}
      />
      <SelectField
        label={t(`${k}.status`)}
        value={filters.status ?? 'current'}
        onChange={(status) => set({ status: status as Filters['status'] })}
        options={[
          { value: 'current', label: t(`${k}.current`) },
          { value: 'removed', label: t(`${k}.removed`) },
        ]}
      />
    </search>
  )
}

import { useTranslation } from 'react-i18next'
import type { Audience } from '../../../../contract/communication.ts'
import { PROFILES, type Profile } from '../../../../contract/structures.ts'
import { AlertIcon } from '../../../ui/icons/ui-icons.tsx'
import { SelectField } from '../../../ui/SelectField.tsx'

/** What the fields of an audience hold while it is being chosen. */
export type AudienceDraft = {
  kind: Audience['kind']
  profile: Profile
  classId: string
  /** '' for everyone in the class. */
  classProfile: '' | Profile
  groupId: string
}

/** A new audience: a class, still to choose. */
export const EMPTY_AUDIENCE: AudienceDraft = {
  kind: 'class',
  profile: 'pupil',
  classId: '',
  classProfile: '',
  groupId: '',
}

/** The profiles one may single out in a class (the others are members of no class). */
const CLASS_PROFILES = ['pupil', 'parent', 'teacher', 'staff'] as const

/** The audience a draft names, or null while a class or group is still to be chosen. */
export function audienceOf(draft: AudienceDraft): Audience | null {
  switch (draft.kind) {
    case 'profile':
      return { kind: 'profile', profile: draft.profile }
    case 'class':
      if (!draft.classId) return null
      return draft.classProfile
        ? { kind: 'class', classId: draft.classId, profile: draft.classProfile }
        : { kind: 'class', classId: draft.classId }
    case 'group':
      return draft.groupId ? { kind: 'group', groupId: draft.groupId } : null
  }
}

/**
 * The fields of one side of a rule, in a fieldset named by `legend`: a kind of audience (everyone of a
 * profile in the school, a class — or one profile in it —, or a manual group), then its choice.
 */
export function AudienceFields({
  legend,
  draft,
  onChange,
  classes,
  groups,
  errorMessage,
}: {
  legend: string
  draft: AudienceDraft
  onChange: (draft: AudienceDraft) => void
  classes: { id: string; name: string }[]
  groups: { id: string; name: string }[]
  errorMessage?: string | null
}) {
  const { t } = useTranslation()
  const k = 'administration.rules.form' as const
  const set = (change: Partial<AudienceDraft>) => onChange({ ...draft, ...change })
  const profiles = (list: readonly Profile[]) =>
    list.map((profile) => ({ value: profile, label: t(`administration.rules.profilesTitle.${profile}`) }))

  return (
    <fieldset className="fieldset" data-invalid={errorMessage ? '' : undefined}>
      <legend className="fieldset__legend">{legend}</legend>
      <SelectField
        label={t(`${k}.kind`)}
        value={draft.kind}
        onChange={(kind) => set({ kind: kind as Audience['kind'] })}
        options={[
          { value: 'class', label: t(`${k}.kinds.class`) },
          { value: 'profile', label: t(`${k}.kinds.profile`) },
          ...(groups.length > 0 ? [{ value: 'group', label: t(`${k}.kinds.group`) }] : []),
        ]}
      />
      {draft.kind === 'profile' && (
        <SelectField
          label={t(`${k}.profile`)}
          value={draft.profile}
          onChange={(profile) => set({ profile: profile as Profile })}
          options={profiles(PROFILES)}
        />
      )}
      {draft.kind === 'class' && (
        <>
          <SelectField
            label={t(`${k}.class`)}
            value={draft.classId}
            onChange={(classId) => set({ classId })}
            placeholder={t('administration.common.choose')}
            options={classes.map((c) => ({ value: c.id, label: c.name }))}
            isRequired
          />
          <SelectField
            label={t(`${k}.inClass`)}
            value={draft.classProfile}
            onChange={(classProfile) => set({ classProfile: classProfile as AudienceDraft['classProfile'] })}
            placeholder={t(`${k}.everyoneInClass`)}
            options={profiles(CLASS_PROFILES).map((option) =>
              // Parents are named for what they are: not members of the class, its pupils' parents.
              option.value === 'parent' ? { ...option, label: t(`${k}.classParents`) } : option,
            )}
          />
        </>
      )}
      {draft.kind === 'group' && (
        <SelectField
          label={t(`${k}.group`)}
          value={draft.groupId}
          onChange={(groupId) => set({ groupId })}
          placeholder={t('administration.common.choose')}
          options={groups.map((g) => ({ value: g.id, label: g.name }))}
          isRequired
        />
      )}
      {errorMessage && (
        <p className="field__error" role="alert">
          <AlertIcon />
          <span>{errorMessage}</span>
        </p>
      )}
    </fieldset>
  )
}

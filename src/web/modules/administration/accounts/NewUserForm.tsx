import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CreateUserBody } from '../../../../contract/accounts.ts'
import type { Profile } from '../../../../contract/structures.ts'
import { Button } from '../../../ui/Button.tsx'
import { RadioGroupField } from '../../../ui/ChoiceGroup.tsx'
import { Form } from '../../../ui/Form.tsx'
import { useFormErrors } from '../../../ui/form-errors.ts'
import { SelectField } from '../../../ui/SelectField.tsx'
import { TextField } from '../../../ui/TextField.tsx'
import { FormAlert, FormButtons } from '../components/FormParts.tsx'
import { PersonSearch } from '../components/PersonSearch.tsx'
import { useSchoolClasses } from '../school/api.ts'
import { useConsoleRole } from '../syndicate/role.ts'
import { type IssuedCode, useCreateUser } from './api.ts'

const FIELDS = [
  'firstName',
  'lastName',
  'profile',
  'classId',
  'birthDate',
  'email',
  'phone',
  'parentIds',
  'childIds',
] as const
/** Profiles that belong to a class themselves. */
const IN_CLASS = new Set<Profile>(['pupil', 'teacher', 'staff'])

type Person = { id: string; displayName: string }

/**
 * The fields of a new account, following its profile: a class for a pupil, a teacher or staff; a birth
 * date for a pupil; e-mail and phone for adults; the pupil's parents, or the parent's children, already
 * in the school. Agents and academic staff are offered only to those allowed to create them.
 */
export function NewUserForm({
  schoolId,
  onCreated,
}: {
  schoolId: string
  onCreated: (code: IssuedCode) => void
}) {
  const { t } = useTranslation()
  const create = useCreateUser(schoolId)
  const classes = useSchoolClasses(schoolId)
  const { role } = useConsoleRole()
  const errors = useFormErrors(FIELDS)
  const [profile, setProfile] = useState<Profile>('pupil')
  const [firstName, setFirstName] = useState('')
  const [lastName, setLastName] = useState('')
  const [classId, setClassId] = useState('')
  const [birthDate, setBirthDate] = useState('')
  const [email, setEmail] = useState('')
  const [phone, setPhone] = useState('')
  const [relatives, setRelatives] = useState<Person[]>([])
  const k = 'administration.accounts.form' as const
  const isPupil = profile === 'pupil'

  const profiles: Profile[] = [
    'pupil',
    'parent',
    'teacher',
    'staff',
    'guest',
    ...(role ? (['collectivity_agent'] as const) : []),
    ...(role === 'syndicate' ? (['academic'] as const) : []),
  ]

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    const body: CreateUserBody = { firstName: firstName.trim(), lastName: lastName.trim(), profile }
    if (classId && IN_CLASS.has(profile)) body.classId = classId
    if (isPupil && birthDate) body.birthDate = birthDate
    if (!isPupil && email.trim()) body.email = email.trim()
    if (!isPupil && phone.trim()) body.phone = phone.trim()
    if (isPupil && relatives.length > 0) body.parentIds = relatives.map((person) => person.id)
    if (profile === 'parent' && relatives.length > 0) body.childIds = relatives.map((person) => person.id)
    try {
      onCreated(await create.mutateAsync(body))
    } catch (error) {
      errors.fail(error)
    }
  }

  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <FormAlert message={errors.form} />
      <RadioGroupField
        label={t(`${k}.profile`)}
        value={profile}
        onChange={(value) => {
          setProfile(value as Profile)
          setRelatives([])
          errors.clearField('profile')
        }}
        choices={profiles.map((value) => ({ value, label: t(`profiles.${value}`) }))}
        errorMessage={errors.fields.profile}
      />
      <TextField
        name="firstName"
        label={t(`${k}.firstName`)}
        value={firstName}
        onChange={errors.changing('firstName', setFirstName)}
        isRequired
      />
      <TextField
        name="lastName"
        label={t(`${k}.lastName`)}
        value={lastName}
        onChange={errors.changing('lastName', setLastName)}
        isRequired
      />
      {IN_CLASS.has(profile) && (
        <SelectField
          label={t(`${k}.classId`)}
          value={classId}
          onChange={(value) => {
            setClassId(value)
            errors.clearField('classId')
          }}
          placeholder={t(`${k}.noClass`)}
          options={(classes.data?.classes ?? []).map((c) => ({ value: c.id, label: c.name }))}
          errorMessage={errors.fields.classId}
        />
      )}
      {isPupil ? (
        <TextField
          name="birthDate"
          type="date"
          label={t(`${k}.birthDate`)}
          value={birthDate}
          onChange={errors.changing('birthDate', setBirthDate)}
          isRequired
        />
      ) : (
        <>
          <TextField
            name="email"
            type="email"
            label={t(`${k}.email`)}
            description={t(`${k}.emailHint`)}
            value={email}
            onChange={errors.changing('email', setEmail)}
          />
          <TextField
            name="phone"
            type="tel"
            label={t(`${k}.phone`)}
            description={t('administration.common.optional')}
            value={phone}
            onChange={errors.changing('phone', setPhone)}
          />
        </>
      )}
      {(isPupil || profile === 'parent') && (
        <Relatives
          schoolId={schoolId}
          ofPupil={isPupil}
          chosen={relatives}
          onChange={setRelatives}
          errorMessage={errors.fields.parentIds ?? errors.fields.childIds}
        />
      )}
      <FormButtons submitLabel={t(`${k}.submit`)} isPending={create.isPending} />
    </Form>
  )
}

/** The parents of a new pupil, or the children of a new parent, picked among the school's accounts. */
function Relatives({
  schoolId,
  ofPupil,
  chosen,
  onChange,
  errorMessage,
}: {
  schoolId: string
  ofPupil: boolean
  chosen: Person[]
  onChange: (people: Person[]) => void
  errorMessage?: string
}) {
  const { t } = useTranslation()
  const k = 'administration.accounts.family' as const
  const ids = new Set(chosen.map((person) => person.id))
  return (
    <fieldset className="fieldset">
      <legend className="fieldset__legend">{ofPupil ? t(`${k}.parents`) : t(`${k}.children`)}</legend>
      {chosen.length > 0 && (
        <ul className="row-list">
          {chosen.map((person) => (
            <li key={person.id} className="row-list__item">
              <span className="row-list__main">{person.displayName}</span>
              <Button
                variant="quiet"
                className="button--small"
                aria-label={t(`${k}.dropNamed`, { name: person.displayName })}
                onPress={() => onChange(chosen.filter((other) => other.id !== person.id))}
              >
                {t(`${k}.drop`)}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <PersonSearch
        schoolId={schoolId}
        accountsOf={ofPupil ? 'parent' : 'pupil'}
        label={ofPupil ? t(`${k}.searchParent`) : t(`${k}.searchChild`)}
        pickLabel={t(`${k}.choose`)}
        pickedLabel={t(`${k}.chosen`)}
        actionLabel={(person) => t(`${k}.chooseNamed`, { name: person.displayName })}
        isPicked={(person) => ids.has(person.id)}
        onPick={async (person) => onChange([...chosen, { id: person.id, displayName: person.displayName }])}
      />
      {errorMessage && <p className="field__error">{errorMessage}</p>}
    </fieldset>
  )
}

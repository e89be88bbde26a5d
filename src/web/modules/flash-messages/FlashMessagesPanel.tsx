import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FLASH_TEXT_MAX } from '../../../contract/flash-messages.ts'
import type { Profile } from '../../../contract/structures.ts'
import { CheckboxGroupField } from '../../ui/ChoiceGroup.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { useFormErrors } from '../../ui/form-errors.ts'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { TextAreaField } from '../../ui/TextAreaField.tsx'
import { FormAlert, FormButtons, useNotice } from '../administration/components/FormParts.tsx'
import { type FlashMessage, useFlashMessages, usePostFlashMessage } from './api.ts'
import './flash-messages.css'

const FIELDS = ['text', 'profiles', 'startsOn', 'endsOn'] as const
const PROFILES: readonly Profile[] = ['parent', 'pupil', 'teacher', 'staff']
const k = 'flashMessages' as const

/** Today in Paris, `YYYY-MM-DD` (the days of a banner are Paris days). */
function parisToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date())
}

/**
 * A console's flash messages: the form that posts one (text, profiles, first and last day) and those
 * already posted. `base` is the console's API path; `scopeText` says which schools a banner reaches
 * (the school itself, every school of the collectivity, every school of the deployment).
 */
export function FlashMessagesPanel({ base, scopeText }: { base: string; scopeText: string }) {
  const { t } = useTranslation()
  const messages = useFlashMessages(base)
  const post = usePostFlashMessage(base)
  const errors = useFormErrors(FIELDS)
  const { notice, say } = useNotice()
  const [text, setText] = useState('')
  const [profiles, setProfiles] = useState<string[]>(['parent'])
  const [startsOn, setStartsOn] = useState(parisToday)
  const [endsOn, setEndsOn] = useState(parisToday)

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    try {
      await post.mutateAsync({ text: text.trim(), profiles: profiles as Profile[], startsOn, endsOn })
      setText('')
      say(t(`${k}.posted`))
    } catch (error) {
      errors.fail(error)
    }
  }

  return (
    <>
      {notice}
      <section aria-labelledby="flash-new">
        <h2 id="flash-new" className="list-title">
          {t(`${k}.newTitle`)}
        </h2>
        <p>{scopeText}</p>
        <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
          <FormAlert message={errors.form} />
          <TextAreaField
            name="text"
            label={t(`${k}.text`)}
            description={t(`${k}.textHint`, { max: FLASH_TEXT_MAX })}
            value={text}
            onChange={errors.changing('text', setText)}
            maxLength={FLASH_TEXT_MAX}
            isRequired
            validate={(value) => (value.trim() ? null : t(`${k}.textRequired`))}
          />
          <CheckboxGroupField
            name="profiles"
            label={t(`${k}.profiles`)}
            value={profiles}
            onChange={errors.changing('profiles', setProfiles)}
            errorMessage={errors.fields.profiles}
            choices={PROFILES.map((p) => ({ value: p, label: t(`${k}.profileNames.${p}`) }))}
          />
          <div className="day-fields">
            <DayField
              name="startsOn"
              label={t(`${k}.startsOn`)}
              value={startsOn}
              onChange={setStartsOn}
              error={errors.fields.startsOn}
            />
            <DayField
              name="endsOn"
              label={t(`${k}.endsOn`)}
              value={endsOn}
              onChange={setEndsOn}
              error={errors.fields.endsOn}
            />
          </div>
          <FormButtons submitLabel={t(`${k}.post`)} isPending={post.isPending} />
        </Form>
      </section>
      <section aria-labelledby="flash-posted">
        <h2 id="flash-posted" className="list-title">
          {t(`${k}.postedTitle`)}
        </h2>
        {messages.isPending ? (
          <LoadingState />
        ) : messages.isError ? (
          <ErrorMessage error={messages.error} onRetry={() => messages.refetch()} />
        ) : messages.data.messages.length === 0 ? (
          <p className="empty-state">{t(`${k}.none`)}</p>
        ) : (
          <ul className="flash-list">
            {messages.data.messages.map((message) => (
              <PostedMessage key={message.id} message={message} />
            ))}
          </ul>
        )}
      </section>
    </>
  )
}

function PostedMessage({ message }: { message: FlashMessage }) {
  const { t, i18n } = useTranslation()
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' })
  const day = (iso: string) => date.format(new Date(iso))
  const who = message.profiles.map((p) => t(`${k}.profileNames.${p}`)).join(', ')
  const where = message.allSchools ? t(`${k}.allSchools`) : message.schools.map((s) => s.name).join(', ')
  return (
    <li className="flash-list__item">
      <p>{message.text}</p>
      <p className="flash-list__meta">
        {t(`${k}.meta`, { from: day(message.startsOn), to: day(message.endsOn), who, where })}
      </p>
    </li>
  )
}

/** A Paris day, with the browser's own date picker. */
function DayField(props: {
  name: string
  label: string
  value: string
  onChange: (value: string) => void
  error: string | undefined
}) {
  const id = `flash-${props.name}`
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {props.label}
      </label>
      <div className="field__control">
        <input
          id={id}
          name={props.name}
          type="date"
          className="field__input"
          value={props.value}
          required
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? `${id}-error` : undefined}
          onChange={(event) => props.onChange(event.target.value)}
        />
      </div>
      {props.error && (
        <p id={`${id}-error`} className="field__error">
          {props.error}
        </p>
      )}
    </div>
  )
}

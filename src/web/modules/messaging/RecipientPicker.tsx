import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useDebounced } from '../../ui/use-debounced.ts'
import { type Recipients, useRecipients } from './api.ts'
import { avatarHue, initials } from './format.ts'

export type Chosen = { type: 'person' | 'group'; id: string; name: string }

/**
 * A field of addressees (À, Cc, Cci): what is chosen, as removable chips, and a search among the people
 * and groups the server says I may write to — the only ones it will accept.
 */
export function RecipientField({
  schoolId,
  label,
  fieldId,
  value,
  onChange,
}: {
  schoolId: string
  label: string
  fieldId: string
  value: Chosen[]
  onChange: (value: Chosen[]) => void
}) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const debounced = useDebounced(q.trim(), 250)
  const recipients = useRecipients(schoolId, debounced)
  const chosen = new Set(value.map((v) => `${v.type}:${v.id}`))
  const add = (item: Chosen) => {
    onChange([...value, item])
    setQ('')
  }
  const options: Chosen[] = q.trim()
    ? [
        ...(recipients.data?.groups ?? []).map((g) => ({ type: 'group' as const, id: g.id, name: g.name })),
        ...(recipients.data?.people ?? []).map((p) => ({
          type: 'person' as const,
          id: p.id,
          name: p.displayName,
        })),
      ].filter((o) => !chosen.has(`${o.type}:${o.id}`))
    : []
  return (
    <div className="recipients">
      <label htmlFor={fieldId} className="field__label">
        {label}
      </label>
      {value.length > 0 && (
        <ul className="recipients__chips" aria-label={t('messaging.chosen', { field: label })}>
          {value.map((item) => (
            <li key={`${item.type}:${item.id}`} className="recipients__chip">
              <span>{item.name}</span>
              <button
                type="button"
                className="recipients__remove"
                aria-label={t('messaging.removeRecipient', { name: item.name })}
                onClick={() => onChange(value.filter((v) => !(v.type === item.type && v.id === item.id)))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={fieldId}
        type="search"
        className="field__input"
        autoComplete="off"
        value={q}
        placeholder={t('messaging.recipientPlaceholder')}
        onChange={(event) => setQ(event.target.value)}
      />
      {q.trim() && (
        <div className="recipients__results" aria-live="polite">
          {options.length === 0 && !recipients.isFetching ? (
            <p className="messaging__muted">{t('messaging.noRecipient')}</p>
          ) : (
            <ul aria-label={t('messaging.suggestions')}>
              {options.map((option) => (
                <li key={`${option.type}:${option.id}`}>
                  <button type="button" className="recipients__option" onClick={() => add(option)}>
                    {option.type === 'group'
                      ? t('messaging.groupOption', { name: option.name })
                      : option.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  )
}

/** The simplified composer's choice: a large picture button per person (pupils of maternelle and CP). */
export function PeoplePictures({
  recipients,
  value,
  onChange,
}: {
  recipients: Recipients
  value: Chosen[]
  onChange: (value: Chosen[]) => void
}) {
  const { t } = useTranslation()
  const chosen = new Set(value.map((v) => v.id))
  return (
    <fieldset className="pictures">
      <legend className="field__label">{t('messaging.writeTo')}</legend>
      <ul className="pictures__grid">
        {recipients.people.map((person) => {
          const selected = chosen.has(person.id)
          return (
            <li key={person.id}>
              <button
                type="button"
                aria-pressed={selected}
                className="pictures__person"
                onClick={() =>
                  onChange(
                    selected
                      ? value.filter((v) => v.id !== person.id)
                      : [...value, { type: 'person', id: person.id, name: person.displayName }],
                  )
                }
              >
                <span
                  className="pictures__avatar"
                  aria-hidden="true"
                  style={{ backgroundColor: `hsl(${avatarHue(person.id)} 55% 38%)` }}
                >
                  {initials(person.displayName)}
                </span>
                <span>{person.displayName}</span>
              </button>
            </li>
          )
        })}
      </ul>
    </fieldset>
  )
}

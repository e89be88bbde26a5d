import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Card } from '../../../ui/Card.tsx'
import { ErrorMessage } from '../../../ui/ErrorMessage.tsx'
import { Link } from '../../../ui/Link.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { SelectField } from '../../../ui/SelectField.tsx'
import { TextField } from '../../../ui/TextField.tsx'
import { AddPanel } from '../components/AddPanel.tsx'
import { useNotice } from '../components/FormParts.tsx'
import { type AdminSchoolRow, useAdminSchools, useCollectivities } from './api.ts'
import type { ConsoleRole } from './role.ts'
import { type CollectivityChoice, SchoolForm } from './SchoolForm.tsx'
import { SyndicatePage } from './SyndicatePage.tsx'

/** The schools of the deployment (or of the user's collectivities): find one, add one. */
export function SchoolsAdminPage() {
  const { t } = useTranslation()
  return (
    <SyndicatePage
      title={t('administration.syndicate.schools.title')}
      intro={t('administration.syndicate.schools.intro')}
    >
      {(role) => <Schools role={role} />}
    </SyndicatePage>
  )
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

/** Matches a school by a part of its name or the start of its UAI, ignoring case and accents. */
function matches(school: AdminSchoolRow, search: string): boolean {
  const wanted = fold(search.trim())
  return !wanted || fold(school.uai).startsWith(wanted) || fold(school.name).includes(wanted)
}

function Schools({ role }: { role: Exclude<ConsoleRole, null> }) {
  const { t } = useTranslation()
  const schools = useAdminSchools()
  // A collectivity administrator may not list collectivities: theirs are those of their schools.
  const collectivities = useCollectivities(role === 'syndicate')
  const { notice, say } = useNotice()
  const [collectivityId, setCollectivityId] = useState('')
  const [search, setSearch] = useState('')
  const k = 'administration.syndicate.schools' as const

  const choices = useMemo<CollectivityChoice[]>(() => {
    if (role === 'syndicate')
      return (collectivities.data ?? []).map(({ id, name, inseeCode }) => ({ id, name, inseeCode }))
    const seen = new Map<string, CollectivityChoice>()
    for (const school of schools.data ?? [])
      seen.set(school.collectivityId, {
        id: school.collectivityId,
        name: school.collectivityName,
        inseeCode: null,
      })
    return [...seen.values()]
  }, [role, collectivities.data, schools.data])

  if (schools.isPending) return <LoadingState />
  if (schools.isError) return <ErrorMessage error={schools.error} onRetry={() => schools.refetch()} />

  const shown = schools.data.filter(
    (school) => (!collectivityId || school.collectivityId === collectivityId) && matches(school, search),
  )
  return (
    <>
      {notice}
      {choices.length > 0 && (
        <AddPanel label={t(`${k}.add`)} title={t(`${k}.addTitle`)}>
          {(close) => (
            <SchoolForm
              collectivities={choices}
              onDone={(name) => {
                close()
                if (name) say(t(`${k}.added`, { name }))
              }}
            />
          )}
        </AddPanel>
      )}
      <search className="filters" aria-label={t(`${k}.filters`)}>
        <TextField
          className="filters__wide"
          label={t(`${k}.search`)}
          value={search}
          onChange={setSearch}
          type="search"
        />
        {choices.length > 1 && (
          <SelectField
            label={t(`${k}.collectivity`)}
            value={collectivityId}
            onChange={setCollectivityId}
            placeholder={t(`${k}.allCollectivities`)}
            options={choices.map((c) => ({ value: c.id, label: c.name }))}
          />
        )}
      </search>
      <h2 className="list-title" aria-live="polite">
        {t(`${k}.listTitle`, { count: shown.length })}
      </h2>
      {shown.length === 0 ? (
        <p className="empty-state">{schools.data.length === 0 ? t(`${k}.empty`) : t(`${k}.noMatch`)}</p>
      ) : (
        <ul className="card-list card-list--grid">
          {shown.map((school) => (
            <Card as="li" key={school.id} className="item-card">
              <h3 className="item-card__title">
                <Link href={`/syndicat/ecoles/${school.id}`}>{school.name}</Link>
              </h3>
              <p className="item-card__meta">
                {t(`schoolKinds.${school.kind}`)} · {t(`${k}.uaiShort`, { uai: school.uai })}
              </p>
              <p className="item-card__meta">{school.collectivityName}</p>
              <p className="item-card__meta">
                {t(`${k}.classCount`, { count: school.classCount })} ·{' '}
                {t(`${k}.pupilCount`, { count: school.pupilCount })}
              </p>
            </Card>
          ))}
        </ul>
      )}
    </>
  )
}

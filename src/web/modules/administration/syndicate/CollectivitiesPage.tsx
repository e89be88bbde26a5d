import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate } from 'react-router'
import { Button } from '../../../ui/Button.tsx'
import { Card } from '../../../ui/Card.tsx'
import { ErrorMessage } from '../../../ui/ErrorMessage.tsx'
import { EditIcon } from '../../../ui/icons/ui-icons.tsx'
import { Link } from '../../../ui/Link.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { AddPanel } from '../components/AddPanel.tsx'
import { useNotice } from '../components/FormParts.tsx'
import { type CollectivityRow, useCollectivities } from './api.ts'
import { CollectivityEditForm } from './CollectivityEditForm.tsx'
import { CollectivityForm } from './CollectivityForm.tsx'
import { SyndicatePage } from './SyndicatePage.tsx'

/** The member collectivities of the syndicate: their identifiers, communes, population and schools. */
export function CollectivitiesPage() {
  const { t } = useTranslation()
  return (
    <SyndicatePage
      title={t('administration.syndicate.collectivities.title')}
      intro={t('administration.syndicate.collectivities.intro')}
    >
      {(role) => (role === 'syndicate' ? <Collectivities /> : <Navigate to="/syndicat/ecoles" replace />)}
    </SyndicatePage>
  )
}

function Collectivities() {
  const { t, i18n } = useTranslation()
  const collectivities = useCollectivities()
  const { notice, say } = useNotice()
  const [editing, setEditing] = useState<string | null>(null)
  const k = 'administration.syndicate.collectivities' as const

  if (collectivities.isPending) return <LoadingState />
  if (collectivities.isError)
    return <ErrorMessage error={collectivities.error} onRetry={() => collectivities.refetch()} />

  const number = new Intl.NumberFormat(i18n.language)
  return (
    <>
      {notice}
      <AddPanel label={t(`${k}.add`)} title={t(`${k}.addTitle`)}>
        {(close) => (
          <CollectivityForm
            onDone={(name) => {
              close()
              if (name) say(t(`${k}.added`, { name }))
            }}
          />
        )}
      </AddPanel>
      <h2 className="list-title">{t(`${k}.listTitle`, { count: collectivities.data.length })}</h2>
      {collectivities.data.length === 0 ? (
        <p className="empty-state">{t(`${k}.empty`)}</p>
      ) : (
        <ul className="card-list">
          {collectivities.data.map((collectivity) => (
            <Card as="li" key={collectivity.id} className="item-card">
              {editing === collectivity.id ? (
                <CollectivityEditForm
                  collectivity={collectivity}
                  onDone={(saved) => {
                    setEditing(null)
                    if (saved) say(t(`${k}.saved`, { name: collectivity.name }))
                  }}
                />
              ) : (
                <CollectivityFacts
                  collectivity={collectivity}
                  number={number}
                  onEdit={() => setEditing(collectivity.id)}
                />
              )}
            </Card>
          ))}
        </ul>
      )}
    </>
  )
}

function CollectivityFacts({
  collectivity,
  number,
  onEdit,
}: {
  collectivity: CollectivityRow
  number: Intl.NumberFormat
  onEdit: () => void
}) {
  const { t } = useTranslation()
  const k = 'administration.syndicate.collectivities' as const
  const facts = [
    { term: t(`${k}.siren`), value: collectivity.siren },
    collectivity.inseeCode ? { term: t(`${k}.inseeCode`), value: collectivity.inseeCode } : null,
    collectivity.communeCodes.length > 0
      ? { term: t(`${k}.communes`), value: collectivity.communeCodes.join(', ') }
      : null,
    {
      term: t(`${k}.population`),
      value: collectivity.population === null ? t(`${k}.unknown`) : number.format(collectivity.population),
    },
    { term: t(`${k}.schools`), value: t(`${k}.schoolCount`, { count: collectivity.schoolCount }) },
  ].filter((fact) => fact !== null)
  return (
    <>
      <div className="item-card__head">
        <h3 className="item-card__title">{collectivity.name}</h3>
        <span className="tag">{t(`${k}.kinds.${collectivity.kind}`)}</span>
      </div>
      <dl className="fact-grid">
        {facts.map((fact) => (
          <div key={fact.term}>
            <dt>{fact.term}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
      <div className="item-card__actions">
        <Button
          variant="secondary"
          onPress={onEdit}
          aria-label={t(`${k}.editNamed`, { name: collectivity.name })}
        >
          <EditIcon />
          {t('administration.common.edit')}
        </Button>
        <Link
          appearance="button"
          href={`/syndicat/membres/${encodeURIComponent(collectivity.id)}/annuaire`}
          aria-label={t(`${k}.importDirectoryNamed`, { name: collectivity.name })}
        >
          {t(`${k}.importDirectory`)}
        </Link>
      </div>
    </>
  )
}

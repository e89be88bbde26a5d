import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { Button } from '../../../ui/Button.tsx'
import { Card } from '../../../ui/Card.tsx'
import { ErrorMessage } from '../../../ui/ErrorMessage.tsx'
import { EditIcon, SettingsIcon } from '../../../ui/icons/ui-icons.tsx'
import { Link } from '../../../ui/Link.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { useNotice } from '../components/FormParts.tsx'
import { type AdminSchoolRow, useAdminSchools } from './api.ts'
import { Directors } from './Directors.tsx'
import { SchoolEditForm } from './SchoolEditForm.tsx'
import { SyndicatePage } from './SyndicatePage.tsx'

/** One school in the syndicate console: its information (editable) and its direction. */
export function SchoolConsolePage() {
  const { t } = useTranslation()
  const { schoolId = '' } = useParams()
  const schools = useAdminSchools()
  const school = schools.data?.find((row) => row.id === schoolId)
  const title = school?.name ?? t('administration.syndicate.schools.notFoundTitle')
  return (
    <SyndicatePage
      title={schools.isPending ? t('common.loading') : title}
      crumbs={[{ href: '/syndicat/ecoles', label: t('administration.syndicate.nav.schools') }]}
    >
      {() =>
        schools.isPending ? (
          <LoadingState />
        ) : schools.isError ? (
          <ErrorMessage error={schools.error} onRetry={() => schools.refetch()} />
        ) : !school ? (
          <p>{t('administration.syndicate.schools.notFound')}</p>
        ) : (
          <SchoolConsole school={school} />
        )
      }
    </SyndicatePage>
  )
}

function SchoolConsole({ school }: { school: AdminSchoolRow }) {
  const { t } = useTranslation()
  const [isEditing, setEditing] = useState(false)
  const { notice, say } = useNotice()
  const k = 'administration.syndicate.schools' as const
  const facts = [
    { term: t(`${k}.uai`), value: school.uai },
    { term: t(`${k}.kind`), value: t(`schoolKinds.${school.kind}`) },
    { term: t(`${k}.collectivity`), value: school.collectivityName },
    { term: t(`${k}.inseeCode`), value: school.inseeCode },
    { term: t(`${k}.circonscription`), value: school.circonscription ?? '—' },
    { term: t(`${k}.rpi`), value: school.rpi ?? '—' },
    {
      term: t(`${k}.figures`),
      value: `${t(`${k}.classCount`, { count: school.classCount })} · ${t(`${k}.pupilCount`, { count: school.pupilCount })}`,
    },
  ]
  return (
    <>
      {notice}
      <div className="page-actions">
        <Link href={`/ecoles/${school.id}/administration`} appearance="button">
          <SettingsIcon />
          {t(`${k}.openSchoolAdmin`)}
        </Link>
      </div>
      <div className="two-columns">
        <Card as="section" aria-labelledby="school-information">
          <h2 id="school-information">{t(`${k}.information`)}</h2>
          {isEditing ? (
            <SchoolEditForm
              school={school}
              onDone={(saved) => {
                setEditing(false)
                if (saved) say(t(`${k}.saved`))
              }}
            />
          ) : (
            <>
              <dl className="fact-grid">
                {facts.map((fact) => (
                  <div key={fact.term}>
                    <dt>{fact.term}</dt>
                    <dd>{fact.value}</dd>
                  </div>
                ))}
              </dl>
              <Button variant="secondary" onPress={() => setEditing(true)}>
                <EditIcon />
                {t(`${k}.edit`)}
              </Button>
            </>
          )}
        </Card>
        <Card as="section" aria-labelledby="school-direction">
          <h2 id="school-direction">{t('administration.syndicate.directors.title')}</h2>
          <Directors schoolId={school.id} onChange={say} />
        </Card>
      </div>
    </>
  )
}

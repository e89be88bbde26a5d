import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import type { SchoolSummary } from '../../../contract/portal.ts'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { SelectField } from '../../ui/SelectField.tsx'
import { useMe } from '../account/api.ts'
import { usePortal } from '../portal/api.ts'
import { ClassTab } from './ClassTab.tsx'
import { GroupsTab } from './GroupsTab.tsx'
import { PeopleTab } from './PeopleTab.tsx'
import { rememberedSchool, rememberSchool } from './remembered-school.ts'
import './directory.css'

const VIEWS = ['personnes', 'groupes', 'classe'] as const
type View = (typeof VIEWS)[number]

/**
 * "Annuaire": the people and groups the user may reach in one of their schools (picked when they have
 * several, and remembered), and for a teacher each pupil of their class with the parents' contacts.
 * The school and the view are in the address, so the back button and a bookmark keep them.
 */
export function DirectoryPage() {
  const { t } = useTranslation()
  usePageTitle(t('directory.title'))
  const portal = usePortal()
  const me = useMe()
  const [params, setParams] = useSearchParams()

  // The user's own memberships say which classes are theirs to show under "Ma classe".
  if (portal.isPending || me.isPending) return <LoadingState />
  if (portal.isError) return <ErrorMessage error={portal.error} onRetry={() => portal.refetch()} />

  const { schools } = portal.data
  const wanted = params.get('ecole') ?? rememberedSchool()
  const school = schools.find((s) => s.id === wanted) ?? schools[0]
  const teacherClassIds = new Set(
    me.data?.memberships
      .filter((m) => m.schoolId === school?.id && m.profile === 'teacher')
      .flatMap((m) => m.classIds) ?? [],
  )
  const myClasses = school?.classes.filter((c) => teacherClassIds.has(c.id)) ?? []
  const views: View[] = myClasses.length > 0 ? [...VIEWS] : ['personnes', 'groupes']
  const requested = params.get('vue') as View | null
  const view: View = requested && views.includes(requested) ? requested : 'personnes'

  const update = (changes: Record<string, string>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        for (const [key, value] of Object.entries(changes)) next.set(key, value)
        return next
      },
      { replace: true },
    )

  return (
    <>
      <PageHeading>{t('directory.title')}</PageHeading>
      <p className="page-intro">{t('directory.intro')}</p>
      {!school ? (
        <p>{t('portal.noSchool')}</p>
      ) : (
        <>
          {schools.length > 1 ? (
            <SchoolChoice
              schools={schools}
              value={school.id}
              onChange={(id) => {
                rememberSchool(id)
                update({ ecole: id })
              }}
            />
          ) : (
            <p className="directory-school">{school.name}</p>
          )}
          <Tabs selectedKey={view} onSelectionChange={(key) => update({ vue: String(key) })} className="tabs">
            <TabList aria-label={t('directory.views')} className="tabs__list">
              <Tab id="personnes" className="tabs__tab">
                {t('directory.people')}
              </Tab>
              <Tab id="groupes" className="tabs__tab">
                {t('directory.groups')}
              </Tab>
              {myClasses.length > 0 && (
                <Tab id="classe" className="tabs__tab">
                  {myClasses.length === 1 ? t('directory.myClass') : t('directory.myClasses')}
                </Tab>
              )}
            </TabList>
            <TabPanel id="personnes" className="tabs__panel">
              <PeopleTab key={school.id} school={school} />
            </TabPanel>
            <TabPanel id="groupes" className="tabs__panel">
              <GroupsTab schoolId={school.id} />
            </TabPanel>
            {myClasses.length > 0 && (
              <TabPanel id="classe" className="tabs__panel">
                <ClassTab key={school.id} schoolId={school.id} classes={myClasses} />
              </TabPanel>
            )}
          </Tabs>
        </>
      )}
    </>
  )
}

function SchoolChoice({
  schools,
  value,
  onChange,
}: {
  schools: SchoolSummary[]
  value: string
  onChange: (schoolId: string) => void
}) {
  const { t } = useTranslation()
  return (
    <SelectField
      label={t('directory.school')}
      value={value}
      onChange={onChange}
      options={schools.map((s) => ({ value: s.id, label: s.name }))}
      className="directory-school-choice"
    />
  )
}

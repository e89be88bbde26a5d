import { useTranslation } from 'react-i18next'
import type { SchoolResponse } from '../../../contract/portal.ts'
import { Card } from '../../ui/Card.tsx'
import { PageHeading, usePageTitle } from '../../ui/PageHeading.tsx'
import { SchoolAdminLinks } from '../administration/components/SchoolAdminLinks.tsx'
import { rolesLabel } from '../portal/labels.ts'
import { Breadcrumbs } from './Breadcrumbs.tsx'
import { classesTitleKey } from './SchoolCard.tsx'
import './schools.css'

/** A school: who the user is there, its key facts and figures, and the classes the user may see. */
export function SchoolDetails({ school }: { school: SchoolResponse }) {
  const { t } = useTranslation()
  usePageTitle(school.name)
  const seesEveryClass = school.classes.length === school.counts.classes
  const facts = [
    { term: t('schools.role'), value: rolesLabel(t, school.profiles, school.functions) },
    { term: t('schools.kind'), value: t(`schoolKinds.${school.kind}`) },
    { term: t('schools.schoolYear'), value: school.schoolYear ?? t('schools.noSchoolYear') },
    { term: t('schools.uai'), value: school.uai },
  ]
  const figures = [
    t('schools.classCount', { count: school.counts.classes }),
    t('schools.pupilCount', { count: school.counts.pupils }),
    t('schools.teacherCount', { count: school.counts.teachers }),
  ]

  return (
    <>
      <Breadcrumbs current={school.name} />
      <PageHeading>{school.name}</PageHeading>
      <p className="page-intro">{school.collectivity.name}</p>
      <SchoolAdminLinks school={school} />

      <div className="school-layout">
        <Card as="section" className="school-facts" aria-labelledby="school-about">
          <h2 id="school-about">{t('schools.about')}</h2>
          <dl className="fact-list">
            {facts.map((fact) => (
              <div key={fact.term} className="fact-list__row">
                <dt>{fact.term}</dt>
                <dd>{fact.value}</dd>
              </div>
            ))}
          </dl>
        </Card>

        <Card as="section" aria-labelledby="school-figures">
          <h2 id="school-figures">{t('schools.figures')}</h2>
          <ul className="figure-list">
            {figures.map((figure) => (
              <li key={figure}>{figure}</li>
            ))}
          </ul>
        </Card>
      </div>

      {/* Someone who sees none of the school's classes (an inspector) only gets the figures above. */}
      {(school.classes.length > 0 || school.counts.classes === 0) && (
        <section className="page-section" aria-labelledby="school-classes">
          <h2 id="school-classes">
            {seesEveryClass ? t('schools.classesOfSchool') : t(classesTitleKey(school))}
          </h2>
          {school.classes.length === 0 ? (
            <p>{t('schools.noClass')}</p>
          ) : (
            <ul className="class-list">
              {school.classes.map((c) => (
                <li key={c.id} className="class-list__item">
                  <span className="class-list__name">{c.name}</span>
                  <span className="class-list__levels">
                    {t('schools.levels', { levels: c.levels.join(', ') })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  )
}

import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useSchoolClasses, useSchoolGroups } from '../school/api.ts'
import { SchoolAdminPage } from '../school/SchoolAdminPage.tsx'
import { AuditTrail } from './AuditTrail.tsx'
import { FILTERABLE_ACTIONS, NO_NAMES, type TrailNames } from './action-sentence.ts'

// A school's trail holds no action on collectivities, administrators or school years.
const SCHOOL_ACTIONS = FILTERABLE_ACTIONS.filter(
  (action) => !/Collectivity|Administrator|SchoolYear|addSchool$/.test(action),
)

/** The audit trail of one school: what its administrators did, and what personal data they read. */
export function SchoolAuditPage() {
  const { t } = useTranslation()
  return (
    <SchoolAdminPage
      title={t('administration.audit.schoolTitle')}
      intro={t('administration.audit.schoolIntro')}
    >
      {(school) => <SchoolTrail schoolId={school.id} schoolName={school.name} />}
    </SchoolAdminPage>
  )
}

function SchoolTrail({ schoolId, schoolName }: { schoolId: string; schoolName: string }) {
  const classes = useSchoolClasses(schoolId)
  const groups = useSchoolGroups(schoolId)
  const names = useMemo<TrailNames>(
    () => ({
      ...NO_NAMES,
      classes: new Map((classes.data?.classes ?? []).map((c) => [c.id, c.name])),
      groups: new Map((groups.data?.groups ?? []).map((g) => [g.id, g.name])),
      schools: new Map([[schoolId, schoolName]]),
    }),
    [classes.data, groups.data, schoolId, schoolName],
  )
  return (
    <AuditTrail
      path={`/api/schools/${encodeURIComponent(schoolId)}/audit`}
      names={names}
      actions={SCHOOL_ACTIONS}
    />
  )
}

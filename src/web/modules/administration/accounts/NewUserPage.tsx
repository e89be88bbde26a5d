import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { Button } from '../../../ui/Button.tsx'
import { Card } from '../../../ui/Card.tsx'
import { Link } from '../../../ui/Link.tsx'
import { SchoolAdminPage } from '../school/SchoolAdminPage.tsx'
import type { IssuedCode } from './api.ts'
import { IssuedCodeNotice } from './IssuedCodeNotice.tsx'
import { NewUserForm } from './NewUserForm.tsx'

/**
 * "Ajouter une personne": an account created by hand (when it is not in the ONDE import), with its
 * activation code given at once to print or copy.
 */
export function NewUserPage() {
  const { t } = useTranslation()
  const { schoolId = '' } = useParams()
  const k = 'administration.accounts.create' as const
  return (
    <SchoolAdminPage
      title={t(`${k}.title`)}
      intro={t(`${k}.intro`)}
      crumbs={[
        {
          href: `/ecoles/${schoolId}/administration/personnes`,
          label: t('administration.school.nav.people'),
        },
      ]}
    >
      {(school) => <NewUser schoolId={school.id} />}
    </SchoolAdminPage>
  )
}

function NewUser({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation()
  const [created, setCreated] = useState<IssuedCode | null>(null)
  // A new key empties the form for the next person.
  const [formKey, setFormKey] = useState(0)
  const k = 'administration.accounts.create' as const

  if (created) {
    return (
      <>
        <IssuedCodeNotice
          issued={created}
          title={t(`${k}.created`, { name: created.displayName })}
          onClose={() => setCreated(null)}
        />
        <div className="page-actions">
          <Link href={`/ecoles/${schoolId}/administration/personnes/${created.userId}`} appearance="button">
            {t(`${k}.openCreated`)}
          </Link>
          <Button
            variant="primary"
            onPress={() => {
              setCreated(null)
              setFormKey((key) => key + 1)
            }}
          >
            {t(`${k}.another`)}
          </Button>
        </div>
      </>
    )
  }
  return (
    <Card>
      <NewUserForm key={formKey} schoolId={schoolId} onCreated={setCreated} />
    </Card>
  )
}

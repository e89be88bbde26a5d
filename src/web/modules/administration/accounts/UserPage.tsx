import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { isApiError } from '../../../api/client.ts'
import { Alert } from '../../../ui/Alert.tsx'
import { Button } from '../../../ui/Button.tsx'
import { Card } from '../../../ui/Card.tsx'
import { ErrorMessage } from '../../../ui/ErrorMessage.tsx'
import { EditIcon } from '../../../ui/icons/ui-icons.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { useNotice } from '../components/FormParts.tsx'
import { SchoolAdminPage } from '../school/SchoolAdminPage.tsx'
import { type IssuedCode, type UserDetail, useSchoolUser } from './api.ts'
import { FamilyLinks } from './FamilyLinks.tsx'
import { IssuedCodeNotice } from './IssuedCodeNotice.tsx'
import { activationLabel } from './labels.ts'
import { UserAccess } from './UserAccess.tsx'
import { UserEditForm } from './UserEditForm.tsx'

/** One person of the school: their details, their family links, their access (codes, removal). */
export function UserPage() {
  const { t } = useTranslation()
  const { schoolId = '', userId = '' } = useParams()
  const user = useSchoolUser(schoolId, userId)
  const k = 'administration.accounts.user' as const
  const crumbs = [
    { href: `/ecoles/${schoolId}/administration/personnes`, label: t('administration.school.nav.people') },
  ]
  const title = user.data?.displayName ?? (user.isError ? t(`${k}.notFoundTitle`) : t('common.loading'))

  return (
    <SchoolAdminPage title={title} crumbs={crumbs}>
      {() =>
        user.isPending ? (
          <LoadingState />
        ) : user.isError ? (
          isApiError(user.error, 404) ? (
            <p>{t(`${k}.notFound`)}</p>
          ) : (
            <ErrorMessage error={user.error} onRetry={() => user.refetch()} />
          )
        ) : (
          <User schoolId={schoolId} user={user.data} />
        )
      }
    </SchoolAdminPage>
  )
}

function User({ schoolId, user }: { schoolId: string; user: UserDetail }) {
  const { t, i18n } = useTranslation()
  const { notice, say } = useNotice()
  const [issued, setIssued] = useState<{ code: IssuedCode; title: string } | null>(null)
  const [isEditing, setEditing] = useState(false)
  const k = 'administration.accounts.user' as const
  const day = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(iso))
  const state = activationLabel(t, user.activation.state, user.activation.codeExpiresAt, i18n.language)
  const roles = [
    ...(user.isDirector ? [t('functions.director')] : []),
    ...user.profiles.map((profile) => t(`profiles.${profile}`)),
  ].join(', ')
  const facts = [
    { term: t(`${k}.login`), value: user.login },
    { term: t(`${k}.alias`), value: user.alias ?? '—' },
    { term: t(`${k}.roles`), value: roles },
    { term: t(`${k}.classes`), value: user.classes.map((c) => c.name).join(', ') || '—' },
    ...(user.birthDate ? [{ term: t(`${k}.birthDate`), value: day(user.birthDate) }] : []),
    ...(user.profiles.includes('pupil') ? [] : [{ term: t(`${k}.email`), value: user.email ?? '—' }]),
    ...(user.profiles.includes('pupil') ? [] : [{ term: t(`${k}.phone`), value: user.phone ?? '—' }]),
    { term: t(`${k}.account`), value: state.text },
    { term: t(`${k}.createdAt`), value: day(user.createdAt) },
  ]
  const canEdit = user.allowedActions.includes('accounts.editUser')

  return (
    <>
      {notice}
      {issued && (
        <IssuedCodeNotice issued={issued.code} title={issued.title} onClose={() => setIssued(null)} />
      )}
      {user.removedAt && (
        <Alert tone="info" title={t(`${k}.removedTitle`)}>
          <p>{t(`${k}.removedText`, { date: day(user.removedAt) })}</p>
        </Alert>
      )}
      <div className="two-columns">
        <Card as="section" aria-labelledby="user-details">
          <h2 id="user-details">{t(`${k}.details`)}</h2>
          {isEditing ? (
            <UserEditForm
              schoolId={schoolId}
              user={user}
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
              {canEdit && (
                <Button variant="secondary" onPress={() => setEditing(true)}>
                  <EditIcon />
                  {t(`${k}.edit`)}
                </Button>
              )}
            </>
          )}
        </Card>
        <div className="class-layout__side">
          <FamilyLinks schoolId={schoolId} user={user} say={say} />
          <UserAccess
            schoolId={schoolId}
            user={user}
            say={say}
            onIssued={(code, title) => setIssued({ code, title })}
          />
        </div>
      </div>
    </>
  )
}

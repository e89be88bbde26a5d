import { useTranslation } from 'react-i18next'
import { Card } from '../../ui/Card.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { usePortal } from '../portal/api.ts'
import { rolesLabel } from '../portal/labels.ts'
import { useMe } from './api.ts'

/** My name, my login (what I type to sign in) and my role in each of my schools. */
export function IdentitySection() {
  const { t } = useTranslation()
  const me = useMe()
  const portal = usePortal()
  return (
    <Card as="section" aria-labelledby="account-identity">
      <h2 id="account-identity">{t('account.identity')}</h2>
      {me.isPending ? (
        <LoadingState />
      ) : me.isError ? (
        <ErrorMessage error={me.error} onRetry={() => me.refetch()} />
      ) : (
        <dl className="account-facts">
          <div className="account-facts__row">
            <dt>{t('account.name')}</dt>
            <dd>{me.data.displayName}</dd>
          </div>
          <div className="account-facts__row">
            <dt>{t('account.login')}</dt>
            <dd>
              <code className="account-login">{me.data.login}</code>
            </dd>
          </div>
          {portal.data?.schools.map((school) => (
            <div key={school.id} className="account-facts__row">
              <dt>{school.name}</dt>
              <dd>{rolesLabel(t, school.profiles, school.functions)}</dd>
            </div>
          ))}
        </dl>
      )}
      <p className="account-note">{t('account.identityNote')}</p>
    </Card>
  )
}

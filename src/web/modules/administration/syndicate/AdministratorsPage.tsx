import { useTranslation } from 'react-i18next'
import { Navigate } from 'react-router'
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx'
import { ErrorMessage } from '../../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { TableScroll } from '../../../ui/TableScroll.tsx'
import { AddPanel } from '../components/AddPanel.tsx'
import { useNotice } from '../components/FormParts.tsx'
import { AdministratorForm } from './AdministratorForm.tsx'
import { type AdministratorRow, useAdministrators, useRevokeAdministrator } from './api.ts'
import { SyndicatePage } from './SyndicatePage.tsx'

/** The administrators of the syndicate and of each collectivity: name one, take a role away. */
export function AdministratorsPage() {
  const { t } = useTranslation()
  return (
    <SyndicatePage
      title={t('administration.syndicate.administrators.title')}
      intro={t('administration.syndicate.administrators.intro')}
    >
      {(role) => (role === 'syndicate' ? <Administrators /> : <Navigate to="/syndicat/ecoles" replace />)}
    </SyndicatePage>
  )
}

function Administrators() {
  const { t } = useTranslation()
  const administrators = useAdministrators()
  const revoke = useRevokeAdministrator()
  const { notice, say } = useNotice()
  const k = 'administration.syndicate.administrators' as const

  if (administrators.isPending) return <LoadingState />
  if (administrators.isError)
    return <ErrorMessage error={administrators.error} onRetry={() => administrators.refetch()} />

  const scopeOf = (row: AdministratorRow) =>
    row.role === 'syndicate_admin' ? t(`${k}.wholeSyndicate`) : (row.collectivityName ?? '—')

  return (
    <>
      {notice}
      <AddPanel label={t(`${k}.add`)} title={t(`${k}.addTitle`)}>
        {(close) => (
          <AdministratorForm
            onDone={(login) => {
              close()
              if (login) say(t(`${k}.added`, { login }))
            }}
          />
        )}
      </AddPanel>
      <TableScroll caption={t(`${k}.caption`, { count: administrators.data.length })}>
        <thead>
          <tr>
            <th scope="col">{t(`${k}.person`)}</th>
            <th scope="col">{t(`${k}.role`)}</th>
            <th scope="col">{t(`${k}.scope`)}</th>
            <th scope="col">
              <span className="visually-hidden">{t('administration.common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {administrators.data.map((row) => (
            <tr key={`${row.userId}-${row.role}-${row.collectivityId ?? ''}`}>
              <th scope="row">
                {row.displayName}
                <span className="table__sub">{row.login}</span>
              </th>
              <td>{t(`${k}.roles.${row.role}`)}</td>
              <td>{scopeOf(row)}</td>
              <td>
                <ConfirmButton
                  className="button--small"
                  aria-label={t(`${k}.revokeNamed`, { name: row.displayName, scope: scopeOf(row) })}
                  title={t(`${k}.revokeTitle`)}
                  message={<p>{t(`${k}.revokeMessage`, { name: row.displayName, scope: scopeOf(row) })}</p>}
                  confirmLabel={t(`${k}.revokeConfirm`)}
                  onConfirm={async () => {
                    await revoke.mutateAsync(row)
                    say(t(`${k}.revoked`, { name: row.displayName }))
                  }}
                >
                  {t(`${k}.revoke`)}
                </ConfirmButton>
              </td>
            </tr>
          ))}
        </tbody>
      </TableScroll>
    </>
  )
}

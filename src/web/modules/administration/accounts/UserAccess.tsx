import { useTranslation } from 'react-i18next'
import { Card } from '../../../ui/Card.tsx'
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx'
import { KeyIcon } from '../../../ui/icons/ui-icons.tsx'
import {
  type IssuedCode,
  type UserDetail,
  useIssueCode,
  useRemoval,
  useResetPupilPassword,
  useResetSecondFactor,
} from './api.ts'

/**
 * What can be done to a person's access, as the server allows it: a new activation code (account not
 * activated yet), a pupil's password reset, a second factor's reset (administrators above the school), removing them from the school (their account is kept) or
 * restoring them. Each asks for confirmation first.
 */
export function UserAccess({
  schoolId,
  user,
  say,
  onIssued,
}: {
  schoolId: string
  user: UserDetail
  say: (notice: string) => void
  onIssued: (code: IssuedCode, title: string) => void
}) {
  const { t } = useTranslation()
  const issue = useIssueCode(schoolId)
  const reset = useResetPupilPassword(schoolId)
  const removal = useRemoval(schoolId, user.id)
  const resetSecondFactor = useResetSecondFactor(schoolId)
  const can = (action: string) => user.allowedActions.includes(action)
  const k = 'administration.accounts.access' as const
  const name = user.displayName

  const actions = [
    can('accounts.issueActivationCode') && !user.removedAt && (
      <ConfirmButton
        key="code"
        variant="secondary"
        title={t(`${k}.codeTitle`, { name })}
        message={<p>{t(`${k}.codeMessage`)}</p>}
        confirmLabel={t(`${k}.codeConfirm`)}
        onConfirm={async () => onIssued(await issue.mutateAsync(user.id), t(`${k}.codeIssued`, { name }))}
      >
        <KeyIcon />
        {t(`${k}.code`)}
      </ConfirmButton>
    ),
    can('accounts.resetPupilPassword') && (
      <ConfirmButton
        key="reset"
        variant="secondary"
        title={t('administration.accounts.classPage.resetTitle', { name })}
        message={<p>{t('administration.accounts.classPage.resetMessage')}</p>}
        confirmLabel={t('administration.accounts.classPage.resetConfirm')}
        onConfirm={async () =>
          onIssued(await reset.mutateAsync(user.id), t('administration.accounts.issued.resetTitle', { name }))
        }
      >
        <KeyIcon />
        {t('administration.accounts.classPage.reset')}
      </ConfirmButton>
    ),
    can('accounts.resetSecondFactor') && (
      <ConfirmButton
        key="second-factor"
        variant="secondary"
        title={t(`${k}.secondFactorTitle`, { name })}
        message={<p>{t(`${k}.secondFactorMessage`)}</p>}
        confirmLabel={t(`${k}.secondFactorConfirm`)}
        onConfirm={async () => {
          await resetSecondFactor.mutateAsync(user.id)
          say(t(`${k}.secondFactorDone`, { name }))
        }}
      >
        <KeyIcon />
        {t(`${k}.secondFactor`)}
      </ConfirmButton>
    ),
    can('accounts.removeUser') &&
      (user.removedAt ? (
        <ConfirmButton
          key="restore"
          variant="secondary"
          title={t(`${k}.restoreTitle`, { name })}
          message={<p>{t(`${k}.restoreMessage`)}</p>}
          confirmLabel={t(`${k}.restoreConfirm`)}
          onConfirm={async () => {
            await removal.mutateAsync('restore')
            say(t(`${k}.restored`, { name }))
          }}
        >
          {t(`${k}.restore`)}
        </ConfirmButton>
      ) : (
        <ConfirmButton
          key="remove"
          title={t(`${k}.removeTitle`, { name })}
          message={<p>{t(`${k}.removeMessage`)}</p>}
          confirmLabel={t(`${k}.removeConfirm`)}
          onConfirm={async () => {
            await removal.mutateAsync('remove')
            say(t(`${k}.removed`, { name }))
          }}
        >
          {t(`${k}.remove`)}
        </ConfirmButton>
      )),
  ].filter(Boolean)

  if (actions.length === 0) return null
  return (
    <Card as="section" aria-labelledby="user-access">
      <h2 id="user-access">{t(`${k}.title`)}</h2>
      <div className="stacked-actions">{actions}</div>
    </Card>
  )
}

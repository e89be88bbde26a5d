import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { useRegister } from './api.ts'
import { RegisterList } from './RegisterList.tsx'
import './data-protection.css'

/** The register of processing activities as everyone reads it, on the legal page. */
export function PublicRegister() {
  const register = useRegister()
  const { t } = useTranslation()
  if (register.isPending) return <LoadingState label={t('common.loading')} />
  if (register.isError) return <ErrorMessage error={register.error} onRetry={() => register.refetch()} />
  return <RegisterList activities={register.data.activities} />
}

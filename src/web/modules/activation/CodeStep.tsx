import { useTranslation } from 'react-i18next'
import { Alert } from '../../ui/Alert.tsx'
import { Form } from '../../ui/Form.tsx'
import { SubmitButton } from '../../ui/SubmitButton.tsx'
import { TextField } from '../../ui/TextField.tsx'
import { tidyActivationCode } from './api.ts'

export type CodeStepProps = {
  login: string
  code: string
  onLoginChange: (value: string) => void
  onCodeChange: (value: string) => void
  onSubmit: () => void
  isSubmitting: boolean
  error: string | null
  fieldErrors: Record<string, string>
  /** Puts the focus in the login field (when coming back from the second step). */
  autoFocus?: boolean
}

/** Step 1: the login and the activation code printed on the connection sheet. */
export function CodeStep(props: CodeStepProps) {
  const { t } = useTranslation()
  return (
    <>
      <p>{t('activation.codeIntro')}</p>
      {props.error && (
        <Alert tone="error" live="assertive">
          <p>{props.error}</p>
        </Alert>
      )}
      <Form
        validationErrors={props.fieldErrors}
        onSubmit={(event) => {
          event.preventDefault()
          props.onSubmit()
        }}
      >
        <TextField
          name="login"
          autoFocus={props.autoFocus}
          label={t('activation.login')}
          description={t('activation.loginHint')}
          value={props.login}
          onChange={props.onLoginChange}
          isRequired
          validate={(value) => (value.trim() ? null : t('activation.loginRequired'))}
          autoComplete="username"
          inputProps={{ autoCapitalize: 'none', autoCorrect: 'off', spellCheck: false }}
        />
        <TextField
          name="code"
          label={t('activation.code')}
          description={t('activation.codeHint')}
          value={props.code}
          onChange={props.onCodeChange}
          isRequired
          validate={(value) => {
            if (!value.trim()) return t('activation.codeRequired')
            return tidyActivationCode(value).length === 8 ? null : t('activation.codeLength')
          }}
          autoComplete="off"
          inputProps={{ autoCapitalize: 'none', autoCorrect: 'off', spellCheck: false }}
          className="activation-code"
        />
        <SubmitButton isSubmitting={props.isSubmitting} pendingLabel={t('activation.checking')}>
          {t('activation.continue')}
        </SubmitButton>
      </Form>
    </>
  )
}

import { useTranslation } from 'react-i18next'
import { useDeployment } from './api.ts'

/** Multi-line postal address as lines (no HTML from the data). */
function Lines({ text }: { text: string }) {
  const lines = text.split('\n')
  return (
    <>
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of one address keep their order
        <span key={index}>
          {line}
          {index < lines.length - 1 && <br />}
        </span>
      ))}
    </>
  )
}

/**
 * Who is responsible for the data, and how to reach its data-protection officer: the deployment's
 * identity as the syndicate set it. Without a DPO address, people are sent through their school.
 */
export function DeploymentContact() {
  const { t } = useTranslation()
  const deployment = useDeployment()
  const identity = deployment.data?.identity
  if (!identity) return <p>{t('legal.data.dpoThroughSchool')}</p>
  return (
    <dl className="legal__contact">
      <dt>{t('legal.data.controller')}</dt>
      <dd>
        {identity.name}
        {identity.address && (
          <>
            <br />
            <Lines text={identity.address} />
          </>
        )}
      </dd>
      <dt>{t('legal.data.dpo')}</dt>
      <dd>
        {identity.dpoName && (
          <>
            {identity.dpoName}
            <br />
          </>
        )}
        {identity.dpoEmail ? (
          <a href={`mailto:${identity.dpoEmail}`}>{identity.dpoEmail}</a>
        ) : (
          t('legal.data.dpoThroughSchool')
        )}
        {identity.dpoAddress && (
          <>
            <br />
            <Lines text={identity.dpoAddress} />
          </>
        )}
      </dd>
    </dl>
  )
}

import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import {
  SCHOOL_DIRECTORY_MAX_BYTES,
  type SchoolDirectoryReport,
} from '../../../../contract/school-directory.ts'
import { Alert } from '../../../ui/Alert.tsx'
import { BusyButton } from '../../../ui/BusyButton.tsx'
import { ErrorMessage, useErrorText } from '../../../ui/ErrorMessage.tsx'
import { Link } from '../../../ui/Link.tsx'
import { LoadingState } from '../../../ui/LoadingState.tsx'
import { FormAlert } from '../components/FormParts.tsx'
import { type CollectivityRow, useCollectivities } from './api.ts'
import { SchoolDirectoryReportTables } from './SchoolDirectoryReport.tsx'
import { SyndicatePage } from './SyndicatePage.tsx'
import { useSchoolDirectoryImport } from './school-directory-api.ts'
import '../../../ui/field.css'
import './school-directory.css'

const K = 'administration.syndicate.schoolDirectory' as const

/**
 * « Importer l’annuaire des écoles » of one collectivity: choose the national directory file, read
 * what the import would do (nothing changes), apply it, read what it did.
 */
export function SchoolDirectoryImportPage() {
  const { t } = useTranslation()
  const { collectivityId = '' } = useParams()
  const collectivities = useCollectivities()
  const collectivity = collectivities.data?.find((row) => row.id === collectivityId)
  return (
    <SyndicatePage
      title={t(`${K}.title`)}
      intro={collectivity ? t(`${K}.intro`, { name: collectivity.name }) : undefined}
      crumbs={[{ href: '/syndicat/membres', label: t('administration.syndicate.nav.collectivities') }]}
    >
      {() =>
        collectivities.isPending ? (
          <LoadingState />
        ) : collectivities.isError ? (
          <ErrorMessage error={collectivities.error} onRetry={() => collectivities.refetch()} />
        ) : !collectivity ? (
          <p>{t(`${K}.notFound`)}</p>
        ) : (
          <DirectoryImport collectivity={collectivity} />
        )
      }
    </SyndicatePage>
  )
}

type Countable = 'creates' | 'updates' | 'createdCount' | 'updatedCount'

type Step =
  | { kind: 'choose' }
  | { kind: 'planned'; report: SchoolDirectoryReport }
  | { kind: 'applied'; report: SchoolDirectoryReport }

function DirectoryImport({ collectivity }: { collectivity: CollectivityRow }) {
  const { t, i18n } = useTranslation()
  const errorText = useErrorText()
  const run = useSchoolDirectoryImport(collectivity.id)
  const [file, setFile] = useState<File | null>(null)
  const [step, setStep] = useState<Step>({ kind: 'choose' })
  // A refusal is said where it happened: at the file's field, or by the apply button.
  const [failure, setFailure] = useState<{ message: string; onApply: boolean } | null>(null)
  const error = failure && !failure.onApply ? failure.message : null
  const applyError = failure?.onApply ? failure.message : null
  const [sent, setSent] = useState(0)
  const inputRef = useRef<HTMLInputElement>(null)
  const resultRef = useRef<HTMLHeadingElement>(null)
  const ids = { input: useId(), hint: useId(), error: useId(), result: useId() }

  // A new report takes the focus, so keyboard and screen reader users land on what changed.
  useEffect(() => {
    if (step.kind !== 'choose') resultRef.current?.focus()
  }, [step])

  const megabytes = (bytes: number) =>
    `${new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(bytes / 1_048_576)} Mo`

  const send = async (apply: boolean) => {
    const setError = (message: string) => setFailure({ message, onApply: apply })
    setFailure(null)
    if (!file) {
      setError(t(`${K}.chooseFile`))
      inputRef.current?.focus()
      return
    }
    if (file.size > SCHOOL_DIRECTORY_MAX_BYTES) {
      setError(t(`${K}.tooBig`, { size: megabytes(file.size), max: megabytes(SCHOOL_DIRECTORY_MAX_BYTES) }))
      return
    }
    try {
      setSent(0)
      const report = await run.mutateAsync({ file, apply, onProgress: setSent })
      setStep({ kind: apply ? 'applied' : 'planned', report })
    } catch (failure) {
      setError(errorText(failure))
    }
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    void send(false)
  }

  // « crée 2 écoles et met à jour 1 école »: only what happens, joined the way the language does.
  const said = (parts: [Countable, number][]) =>
    new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(
      parts.filter(([, count]) => count > 0).map(([key, count]) => t(`${K}.${key}`, { count })),
    )
  const planned = step.kind === 'planned' ? step.report.counts : { created: 0, updated: 0 }
  const done = step.kind === 'applied' ? step.report.counts : { created: 0, updated: 0 }
  const communes = collectivity.communeCodes.join(', ')
  const isWorking = run.isPending
  const isPlanning = isWorking && run.variables?.apply === false
  const isApplying = isWorking && run.variables?.apply === true

  return (
    <>
      <p>{communes ? t(`${K}.howTo`, { communes }) : t(`${K}.noCommunes`)}</p>
      <form className="directory-form" onSubmit={onSubmit} noValidate>
        <div className="field" data-invalid={error ? true : undefined}>
          <label className="field__label" htmlFor={ids.input}>
            {t(`${K}.fileLabel`)}
          </label>
          <p className="field__description" id={ids.hint}>
            {t(`${K}.fileHint`)}
          </p>
          <input
            ref={inputRef}
            id={ids.input}
            name="file"
            type="file"
            accept=".csv,text/csv"
            className="file-input"
            aria-describedby={error ? `${ids.hint} ${ids.error}` : ids.hint}
            aria-invalid={error ? true : undefined}
            disabled={isWorking}
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null)
              setFailure(null)
              setStep({ kind: 'choose' })
            }}
          />
        </div>
        <div id={ids.error}>
          <FormAlert message={error} />
        </div>
        <div className="form-buttons">
          <BusyButton
            type="submit"
            variant={step.kind === 'choose' ? 'primary' : 'secondary'}
            isBusy={isPlanning}
            isDisabled={isApplying}
          >
            {isPlanning ? t(`${K}.analysing`) : t(`${K}.analyse`)}
          </BusyButton>
        </div>
        {isPlanning && <SendingProgress sent={sent} />}
      </form>

      {step.kind === 'planned' && (
        <section className="directory-result" aria-labelledby={ids.result}>
          <h2 id={ids.result} ref={resultRef} tabIndex={-1}>
            {t(`${K}.plannedTitle`)}
          </h2>
          <p>{t(`${K}.plannedIntro`)}</p>
          <SchoolDirectoryReportTables report={step.report} />
          {planned.created + planned.updated > 0 ? (
            <div className="directory-result__apply">
              <p>
                {t(`${K}.applyHint`, {
                  actions: said([
                    ['creates', planned.created],
                    ['updates', planned.updated],
                  ]),
                })}
              </p>
              <BusyButton
                variant="primary"
                isBusy={isApplying}
                isDisabled={isPlanning}
                onPress={() => void send(true)}
              >
                {isApplying ? t(`${K}.applying`) : t(`${K}.apply`)}
              </BusyButton>
              {isApplying && <SendingProgress sent={sent} />}
              <FormAlert message={applyError} />
            </div>
          ) : (
            <Alert tone="info">
              <p>{t(`${K}.nothingToDo`)}</p>
            </Alert>
          )}
        </section>
      )}

      {step.kind === 'applied' && (
        <section className="directory-result" aria-labelledby={ids.result}>
          <h2 id={ids.result} ref={resultRef} tabIndex={-1}>
            {t(`${K}.appliedTitle`)}
          </h2>
          <Alert tone="success">
            <p>
              {done.created + done.updated === 0
                ? t(`${K}.appliedNothing`)
                : t(`${K}.appliedSummary`, {
                    done: said([
                      ['createdCount', done.created],
                      ['updatedCount', done.updated],
                    ]),
                  })}
            </p>
          </Alert>
          <SchoolDirectoryReportTables report={step.report} />
          <div className="form-buttons">
            <Link appearance="button" href="/syndicat/ecoles">
              {t(`${K}.seeSchools`)}
            </Link>
          </div>
        </section>
      )}
    </>
  )
}

/** How much of the file has gone to the server, then a bar without end while Préau reads it. */
function SendingProgress({ sent }: { sent: number }) {
  const { t } = useTranslation()
  const id = useId()
  const percent = Math.round(sent * 100)
  const isSent = sent >= 1
  return (
    <div className="directory-progress">
      <label htmlFor={id}>{isSent ? t(`${K}.reading`) : t(`${K}.sending`, { percent })}</label>
      <progress id={id} max={100} value={isSent ? undefined : percent}>
        {isSent ? t(`${K}.reading`) : `${percent} %`}
      </progress>
    </div>
  )
}

import { type FormEvent, type Ref, useId, useRef, useState } from 'react'
import { Label, ProgressBar } from 'react-aria-components'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { IMPORT_FILE_KINDS, type ImportFileKind } from '../../../contract/imports.ts'
import { isApiError } from '../../api/client.ts'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { Card } from '../../ui/Card.tsx'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import { FormAlert } from '../administration/components/FormParts.tsx'
import { type ImportFiles, type UploadProgress, useUploadImport } from './api.ts'
import { reportPath } from './paths.ts'
import '../../ui/field.css'

const K = 'imports.upload' as const

/**
 * The three files of an import, each in its labelled slot (at least one), sent with a progress bar,
 * then « Analyse en cours… » while the server plans the dry run. A refusal shows the server's French
 * sentence above the button and changes nothing else; a report opens the run's page.
 */
export function UploadForm({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const navigate = useNavigate()
  const [files, setFiles] = useState<ImportFiles>({})
  // The sentence, and the slots it is about (all three when none was chosen, the refused file's).
  const [error, setError] = useState<{ message: string; kinds: ImportFileKind[] } | null>(null)
  const [progress, setProgress] = useState<UploadProgress | null>(null)
  const upload = useUploadImport(schoolId, setProgress)
  const firstInput = useRef<HTMLInputElement>(null)
  const headingId = useId()
  const errorId = useId()
  const isWorking = upload.isPending

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (isWorking) return
    setError(null)
    if (!IMPORT_FILE_KINDS.some((kind) => files[kind])) {
      setError({ message: t(`${K}.atLeastOne`), kinds: [...IMPORT_FILE_KINDS] })
      firstInput.current?.focus()
      return
    }
    setProgress({ phase: 'sending', sent: 0, total: 1 })
    try {
      const report = await upload.mutateAsync(files)
      navigate(reportPath(schoolId, report.id), { state: { fromUpload: true } })
    } catch (failure) {
      const refused = isApiError(failure) ? failure.problem?.file : undefined
      setError({
        message: errorText(failure),
        kinds: IMPORT_FILE_KINDS.filter((kind) => refused && files[kind]?.name === refused),
      })
    } finally {
      setProgress(null)
    }
  }

  const choose = (kind: ImportFileKind, file: File | undefined) => {
    setFiles((current) => ({ ...current, [kind]: file }))
    setError(null)
  }

  return (
    <Card as="section" aria-labelledby={headingId} className="import-upload">
      <h2 id={headingId}>{t(`${K}.title`)}</h2>
      <form onSubmit={onSubmit} noValidate>
        {IMPORT_FILE_KINDS.map((kind, index) => (
          <FileField
            key={kind}
            kind={kind}
            inputRef={index === 0 ? firstInput : undefined}
            errorId={error?.kinds.includes(kind) ? errorId : undefined}
            isDisabled={isWorking}
            onChange={(file) => choose(kind, file)}
          />
        ))}
        <div id={errorId}>
          <FormAlert message={error?.message ?? null} />
        </div>
        {progress && <UploadProgressBar progress={progress} />}
        {/* Always in the page, so that screen readers announce each new step. */}
        <span role="status" className="visually-hidden">
          {progress?.phase === 'analysing' ? t(`${K}.analysing`) : progress ? t(`${K}.sendingShort`) : ''}
        </span>
        <div className="form-buttons">
          <BusyButton type="submit" variant="primary" isBusy={isWorking}>
            {isWorking
              ? progress?.phase === 'analysing'
                ? t(`${K}.analysing`)
                : t(`${K}.sendingShort`)
              : t(`${K}.submit`)}
          </BusyButton>
        </div>
      </form>
    </Card>
  )
}

function FileField({
  kind,
  inputRef,
  errorId,
  isDisabled,
  onChange,
}: {
  kind: ImportFileKind
  inputRef: Ref<HTMLInputElement> | undefined
  /** The error's element when the error is about this slot. */
  errorId: string | undefined
  isDisabled: boolean
  onChange: (file: File | undefined) => void
}) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <div className="field" data-invalid={errorId ? true : undefined}>
      <label className="field__label" htmlFor={id}>
        {t(`${K}.${kind}`)}
      </label>
      <span className="field__description" id={`${id}-hint`}>
        {t(`${K}.${kind}Hint`)}
      </span>
      <input
        ref={inputRef}
        id={id}
        name={kind}
        type="file"
        // Browsers name a CSV file's type differently (text/csv, application/vnd.ms-excel…).
        accept=".csv,.txt,text/csv,text/plain,application/vnd.ms-excel"
        className="file-input"
        aria-describedby={errorId ? `${id}-hint ${errorId}` : `${id}-hint`}
        aria-invalid={errorId ? true : undefined}
        disabled={isDisabled}
        onChange={(event) => onChange(event.currentTarget.files?.[0])}
      />
    </div>
  )
}

/** The bytes sent so far, then an endless bar while the server reads the files. */
function UploadProgressBar({ progress }: { progress: UploadProgress }) {
  const { t } = useTranslation()
  const hintId = useId()
  const isAnalysing = progress.phase === 'analysing'
  const percent =
    progress.phase === 'sending' && progress.total > 0
      ? Math.round((progress.sent / progress.total) * 100)
      : 0
  return (
    <div className="import-progress">
      <ProgressBar
        value={isAnalysing ? undefined : percent}
        isIndeterminate={isAnalysing}
        className="progress"
        aria-describedby={isAnalysing ? hintId : undefined}
      >
        {({ percentage, valueText }) => (
          <>
            <div className="progress__head">
              <Label className="progress__label">
                {isAnalysing ? t(`${K}.analysing`) : t(`${K}.sending`)}
              </Label>
              {!isAnalysing && <span className="progress__value">{valueText}</span>}
            </div>
            <div className="progress__track">
              <div
                className={isAnalysing ? 'progress__fill progress__fill--endless' : 'progress__fill'}
                style={isAnalysing ? undefined : { width: `${percentage ?? 0}%` }}
              />
            </div>
          </>
        )}
      </ProgressBar>
      {isAnalysing && (
        <p id={hintId} className="field__description">
          {t(`${K}.analysingHint`)}
        </p>
      )}
    </div>
  )
}

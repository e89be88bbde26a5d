import { useId, useState } from 'react'
import { Dialog, DialogTrigger, Heading, Modal, ModalOverlay, ProgressBar } from 'react-aria-components'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { Alert } from '../../ui/Alert.tsx'
import { BusyButton } from '../../ui/BusyButton.tsx'
import { Button } from '../../ui/Button.tsx'
import { Checkbox } from '../../ui/Checkbox.tsx'
import { ConfirmButton } from '../../ui/ConfirmButton.tsx'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import { type AppliedImport, type ImportReport, useApplyImport, useDiscardImport } from './api.ts'
import { useNumber } from './format.ts'
import { importsPath } from './paths.ts'
import '../../ui/dialog.css'

const K = 'imports.apply' as const

/**
 * The end of a dry run: « Appliquer l’import » behind a confirmation that says what will happen (and
 * shows that it is working while it runs), or disabled with the reason; « Abandonner cet import ».
 */
export function ApplyImport({
  schoolId,
  report,
  onApplied,
}: {
  schoolId: string
  report: ImportReport
  onApplied: (result: AppliedImport) => void
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const headingId = useId()
  const reasonId = useId()
  const discard = useDiscardImport(schoolId)
  const reason =
    report.blocking.length > 0 ? t(`${K}.blocked`, { count: report.blocking.length }) : t(`${K}.closed`)

  return (
    <section className="import-section import-apply" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(`${K}.title`)}</h2>
      {report.canApply ? (
        <p>{t(`${K}.intro`)}</p>
      ) : (
        <p id={reasonId} className="import-apply__reason">
          {reason}
        </p>
      )}
      <div className="form-buttons">
        <ApplyDialog
          schoolId={schoolId}
          report={report}
          onApplied={onApplied}
          describedBy={report.canApply ? undefined : reasonId}
        />
        <ConfirmButton
          variant="secondary"
          title={t('imports.runs.discardTitle')}
          message={<p>{t('imports.runs.discardMessage')}</p>}
          confirmLabel={t('imports.runs.discardConfirm')}
          onConfirm={async () => {
            await discard.mutateAsync(report.id)
            navigate(importsPath(schoolId))
          }}
        >
          {t(`${K}.discard`)}
        </ConfirmButton>
      </div>
    </section>
  )
}

function ApplyDialog({
  schoolId,
  report,
  onApplied,
  describedBy,
}: {
  schoolId: string
  report: ImportReport
  onApplied: (result: AppliedImport) => void
  describedBy: string | undefined
}) {
  const { t } = useTranslation()
  const number = useNumber()
  const errorText = useErrorText()
  const apply = useApplyImport(schoolId, report.id)
  const [isOpen, setOpen] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // A large share of the school marked missing is applied only once the number is confirmed.
  const [isMissingConfirmed, setMissingConfirmed] = useState(false)
  const toConfirm = report.missingToConfirm
  const isRunning = apply.isPending
  const total = (category: 'pupils' | 'guardians' | 'teachers', column: 'created' | 'updated' | 'missing') =>
    report.schools.reduce((sum, school) => sum + school[category][column], 0)
  const created = {
    pupils: total('pupils', 'created'),
    guardians: total('guardians', 'created'),
    teachers: total('teachers', 'created'),
  }
  const updated = total('pupils', 'updated') + total('guardians', 'updated') + total('teachers', 'updated')
  const missing = total('pupils', 'missing') + total('guardians', 'missing') + total('teachers', 'missing')

  const onOpenChange = (open: boolean) => {
    if (isRunning) return
    setOpen(open)
    if (!open) setError(null)
  }

  const confirm = async () => {
    setError(null)
    try {
      const result = await apply.mutateAsync(
        toConfirm !== null && isMissingConfirmed ? { confirmMissing: toConfirm } : {},
      )
      setOpen(false)
      onApplied(result)
    } catch (failure) {
      setError(errorText(failure))
    }
  }

  return (
    <DialogTrigger isOpen={isOpen} onOpenChange={onOpenChange}>
      <Button variant="primary" isDisabled={!report.canApply} aria-describedby={describedBy}>
        {t(`${K}.button`)}
      </Button>
      <ModalOverlay
        className="modal-overlay"
        isDismissable={!isRunning}
        isKeyboardDismissDisabled={isRunning}
      >
        <Modal className="modal">
          <Dialog role="alertdialog" className="dialog">
            <Heading slot="title" className="dialog__title">
              {t(`${K}.dialogTitle`)}
            </Heading>
            <div className="dialog__body">
              <ul className="bullet-list">
                <li>{t(`${K}.willCreatePupils`, { count: created.pupils, n: number(created.pupils) })}</li>
                <li>
                  {t(`${K}.willCreateGuardians`, { count: created.guardians, n: number(created.guardians) })}
                </li>
                <li>
                  {t(`${K}.willCreateTeachers`, { count: created.teachers, n: number(created.teachers) })}
                </li>
                {updated > 0 && <li>{t(`${K}.willUpdate`, { count: updated, n: number(updated) })}</li>}
                {missing > 0 && (
                  <li>
                    {t(`${K}.willMiss`, { count: missing, n: number(missing), days: report.graceDays })}
                  </li>
                )}
              </ul>
              <p>{t(`${K}.allOrNothing`)}</p>
              {toConfirm !== null && (
                <Checkbox
                  isSelected={isMissingConfirmed}
                  onChange={setMissingConfirmed}
                  isDisabled={isRunning}
                  description={t(`${K}.confirmMissingHelp`)}
                >
                  {t(`${K}.confirmMissing`, { count: toConfirm, n: number(toConfirm) })}
                </Checkbox>
              )}
            </div>
            {error && (
              <Alert tone="error" live="assertive">
                <p>{error}</p>
              </Alert>
            )}
            {isRunning && (
              <div className="import-progress">
                <ProgressBar isIndeterminate className="progress" aria-label={t(`${K}.running`)}>
                  <div className="progress__head">
                    <span className="progress__label" aria-hidden="true">
                      {t(`${K}.running`)}
                    </span>
                  </div>
                  <div className="progress__track">
                    <div className="progress__fill progress__fill--endless" />
                  </div>
                </ProgressBar>
                <p className="field__description">{t(`${K}.runningHint`)}</p>
              </div>
            )}
            <span role="status" className="visually-hidden">
              {isRunning ? t(`${K}.running`) : ''}
            </span>
            <div className="dialog__actions">
              <Button
                variant="secondary"
                onPress={() => onOpenChange(false)}
                isDisabled={isRunning}
                autoFocus
              >
                {t('common.cancel')}
              </Button>
              <BusyButton
                variant="primary"
                onPress={() => void confirm()}
                isBusy={isRunning}
                isDisabled={toConfirm !== null && !isMissingConfirmed}
              >
                {isRunning ? t(`${K}.running`) : t(`${K}.confirm`)}
              </BusyButton>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  )
}

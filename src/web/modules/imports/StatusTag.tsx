import { useTranslation } from 'react-i18next'
import type { ImportRunStatus } from '../../../contract/imports.ts'

const TONE: Record<ImportRunStatus, string> = {
  staged: 'state state--waiting',
  applied: 'state state--ok',
  discarded: 'state import-state--discarded',
  lost: 'state import-state--discarded',
}

/** The state of a run in words (simulation, appliqué, abandonné, perdu), coloured as a second cue. */
export function StatusTag({ status }: { status: ImportRunStatus }) {
  const { t } = useTranslation()
  return <span className={TONE[status]}>{t(`imports.status.${status}`)}</span>
}

import { useTranslation } from 'react-i18next'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import { SelectField } from '../../ui/SelectField.tsx'
import { type Meeting, useRecordAttendance } from './api.ts'

const STATUSES = [{ value: 'present' }, { value: 'excused' }, { value: 'absent' }] as const

/**
 * The roll-call, one delegate per row, with large toggles a secretary taps on a tablet during the
 * meeting; an excused or absent delegate may give a proxy to a member present. Each change answers the
 * meeting as computed again, so the quorum above follows at once.
 */
export function AttendanceSheet({ meeting, canManage }: { meeting: Meeting; canManage: boolean }) {
  const record = useRecordAttendance(meeting.id)
  const errorText = useErrorText()
  const { t } = useTranslation()
  const present = meeting.attendance.filter((l) => l.status === 'present' || l.status === 'substituted')
  const nameOf = new Map(meeting.attendance.map((l) => [l.delegateId, `${l.civility} ${l.name}`]))
  const suppleants = meeting.delegates
    .filter((d) => d.seat === 'suppleant')
    .map((d) => ({ value: d.id, label: `${d.civility} ${d.firstName} ${d.lastName} (${d.memberName})` }))
  const suppleantName = new Map(suppleants.map((s) => [s.value, s.label]))
  return (
    <section aria-labelledby="attendance">
      <h2 id="attendance">{t('governance.attendance.heading')}</h2>
      {record.isError && (
        <p role="alert" className="field__error">
          {errorText(record.error)}
        </p>
      )}
      <ul className="gov-attendance">
        {meeting.attendance.map((line) => {
          const labelId = `delegate-${line.delegateId}`
          const sits = line.status === 'present' || line.status === 'substituted'
          return (
            <li key={line.delegateId} className="gov-attendance__row">
              <div>
                <div id={labelId} className="gov-attendance__name">
                  {line.civility} {line.name}
                </div>
                <div className="gov-attendance__member">
                  {line.memberName}
                  {line.acknowledgedAt ? t('governance.attendance.acknowledged') : ''}
                  {line.status === 'substituted' && line.substituteId
                    ? t('governance.attendance.substitutedBy', { name: suppleantName.get(line.substituteId) })
                    : ''}
                </div>
              </div>
              {canManage ? (
                <div className="gov-actions">
                  <fieldset
                    className="gov-toggles"
                    aria-labelledby={labelId}
                    style={{ border: 0, padding: 0, margin: 0 }}
                  >
                    {STATUSES.map((status) => (
                      <button
                        key={status.value}
                        type="button"
                        className="gov-toggle"
                        aria-pressed={
                          line.status === status.value ||
                          (status.value === 'present' && line.status === 'substituted')
                        }
                        aria-label={t('governance.attendance.toggle', {
                          status: t(`governance.attendance.${status.value}`),
                          name: `${line.civility} ${line.name}`,
                        })}
                        disabled={record.isPending}
                        onClick={() =>
                          record.mutate({
                            delegateId: line.delegateId,
                            status: status.value,
                            proxyHolderId: null,
                          })
                        }
                      >
                        {t(`governance.attendance.${status.value}`)}
                      </button>
                    ))}
                  </fieldset>
                  {line.status !== 'present' && suppleants.length > 0 && (
                    <SelectField
                      label={t('governance.attendance.substitute', { name: line.name })}
                      value={line.substituteId ?? ''}
                      placeholder={t('governance.attendance.noSubstitute')}
                      options={suppleants}
                      onChange={(substituteId) =>
                        record.mutate({
                          delegateId: line.delegateId,
                          status: substituteId ? 'substituted' : 'absent',
                          substituteId: substituteId || null,
                          proxyHolderId: null,
                        })
                      }
                    />
                  )}
                  {!sits && (
                    <SelectField
                      label={t('governance.attendance.proxy', { name: line.name })}
                      value={line.proxyHolderId ?? ''}
                      placeholder={t('governance.attendance.noProxy')}
                      options={present.map((p) => ({
                        value: p.delegateId,
                        label: `${p.civility} ${p.name}`,
                      }))}
                      onChange={(holder) =>
                        record.mutate({
                          delegateId: line.delegateId,
                          status: line.status,
                          proxyHolderId: holder || null,
                        })
                      }
                    />
                  )}
                </div>
              ) : (
                <p>
                  {t(`governance.attendance.${line.status}`)}
                  {line.proxyHolderId
                    ? t('governance.attendance.proxyTo', { name: nameOf.get(line.proxyHolderId) })
                    : ''}
                </p>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}

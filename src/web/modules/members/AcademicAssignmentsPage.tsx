import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate } from 'react-router'
import { ACADEMIC_ROLES } from '../../../contract/members.ts'
import { ConfirmButton } from '../../ui/ConfirmButton.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { Form } from '../../ui/Form.tsx'
import { useFormErrors } from '../../ui/form-errors.ts'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { SelectField } from '../../ui/SelectField.tsx'
import { TableScroll } from '../../ui/TableScroll.tsx'
import { AddPanel } from '../administration/components/AddPanel.tsx'
import { FormAlert, FormButtons } from '../administration/components/FormParts.tsx'
import { SyndicatePage } from '../administration/syndicate/SyndicatePage.tsx'
import { useAddAssignment, useAssignments, useRemoveAssignment } from './api.ts'

const A = 'backOffice.academie' as const

/** The syndicate attaches the académie's staff (IEN, advisers) to the circonscriptions they follow. */
export function AcademicAssignmentsPage() {
  const { t } = useTranslation()
  return (
    <SyndicatePage title={t(`${A}.title`)} intro={t(`${A}.intro`)}>
      {(role) => (role === 'syndicate' ? <Assignments /> : <Navigate to="/syndicat/ecoles" replace />)}
    </SyndicatePage>
  )
}

function Assignments() {
  const { t } = useTranslation()
  const data = useAssignments()
  const remove = useRemoveAssignment()
  if (data.isPending) return <LoadingState />
  if (data.isError) return <ErrorMessage error={data.error} onRetry={() => data.refetch()} />
  return (
    <>
      <AddPanel label={t(`${A}.add`)} title={t(`${A}.add`)}>
        {(close) => <AssignmentForm data={data.data} onDone={close} />}
      </AddPanel>
      {data.data.assignments.length === 0 ? (
        <p className="empty-state">{t(`${A}.empty`)}</p>
      ) : (
        <TableScroll caption={t(`${A}.caption`)}>
          <thead>
            <tr>
              <th scope="col">{t(`${A}.person`)}</th>
              <th scope="col">{t(`${A}.role`)}</th>
              <th scope="col">{t(`${A}.circonscription`)}</th>
              <th scope="col">{t(`${A}.actions`)}</th>
            </tr>
          </thead>
          <tbody>
            {data.data.assignments.map((assignment) => (
              <tr key={assignment.id}>
                <th scope="row">{assignment.displayName}</th>
                <td>{t(`backOffice.academicRoles.${assignment.role}`)}</td>
                <td>{assignment.circonscription}</td>
                <td>
                  <ConfirmButton
                    title={t(`${A}.remove`)}
                    message={t(`${A}.removeConfirm`, {
                      name: assignment.displayName,
                      circonscription: assignment.circonscription,
                    })}
                    confirmLabel={t(`${A}.remove`)}
                    onConfirm={() => remove.mutateAsync(assignment.id)}
                  >
                    {t(`${A}.removeOf`, { name: assignment.displayName })}
                  </ConfirmButton>
                </td>
              </tr>
            ))}
          </tbody>
        </TableScroll>
      )}
    </>
  )
}

function AssignmentForm({
  data,
  onDone,
}: {
  data: NonNullable<ReturnType<typeof useAssignments>['data']>
  onDone: () => void
}) {
  const { t } = useTranslation()
  const add = useAddAssignment()
  const errors = useFormErrors(['userId', 'circonscription', 'role'])
  const [userId, setUserId] = useState('')
  const [circonscription, setCirconscription] = useState('')
  const [role, setRole] = useState<string>('ien')
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    try {
      await add.mutateAsync({ userId, circonscription, role: role as (typeof ACADEMIC_ROLES)[number] })
      onDone()
    } catch (error) {
      errors.fail(error)
    }
  }
  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <FormAlert message={errors.form} />
      <SelectField
        name="userId"
        label={t(`${A}.person`)}
        placeholder={t(`${A}.choose`)}
        value={userId}
        onChange={setUserId}
        options={data.academics.map((person) => ({
          value: person.id,
          label: `${person.displayName} (${person.login})`,
        }))}
        isRequired
      />
      <SelectField
        name="role"
        label={t(`${A}.role`)}
        value={role}
        onChange={setRole}
        options={ACADEMIC_ROLES.map((value) => ({ value, label: t(`backOffice.academicRoles.${value}`) }))}
      />
      <SelectField
        name="circonscription"
        label={t(`${A}.circonscription`)}
        placeholder={t(`${A}.choose`)}
        value={circonscription}
        onChange={setCirconscription}
        options={data.circonscriptions.map((name) => ({ value: name, label: name }))}
        isRequired
      />
      <FormButtons submitLabel={t(`${A}.add`)} isPending={add.isPending} onCancel={onDone} />
    </Form>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ruleWarnings } from '../../../../contract/communication.ts'
import { Alert } from '../../../ui/Alert.tsx'
import { RadioGroupField } from '../../../ui/ChoiceGroup.tsx'
import { Form } from '../../../ui/Form.tsx'
import { useFormErrors } from '../../../ui/form-errors.ts'
import { TextAreaField } from '../../../ui/TextAreaField.tsx'
import { FormAlert, FormButtons } from '../components/FormParts.tsx'
import { type AudienceDraft, AudienceFields, audienceOf, EMPTY_AUDIENCE } from './AudienceFields.tsx'
import { useAddRule } from './api.ts'
import { type AudienceNames, ruleSentence } from './rule-sentence.ts'

const FIELDS = ['source', 'target', 'effect', 'bothWays', 'note'] as const

/**
 * "Ajouter une règle": allow or forbid, who writes, to whom, one way or both ways, and a note. The rule
 * is read back as a sentence while it is being built, so the director sees what they are deciding, with
 * a warning before saving when it would let parents reach other families' children (the server, which
 * also knows who the manual groups hold, answers its own warnings, said after saving).
 */
export function RuleForm({
  schoolId,
  classes,
  groups,
  onDone,
}: {
  schoolId: string
  classes: { id: string; name: string }[]
  groups: { id: string; name: string }[]
  onDone: (sentence: string | null, warnings?: string[]) => void
}) {
  const { t } = useTranslation()
  const add = useAddRule(schoolId)
  const errors = useFormErrors(FIELDS)
  const [effect, setEffect] = useState<'allow' | 'deny'>('allow')
  const [source, setSource] = useState<AudienceDraft>(EMPTY_AUDIENCE)
  const [target, setTarget] = useState<AudienceDraft>(EMPTY_AUDIENCE)
  const [bothWays, setBothWays] = useState('both')
  const [note, setNote] = useState('')
  const [missing, setMissing] = useState<{ source?: boolean; target?: boolean }>({})
  const k = 'administration.rules.form' as const

  const names: AudienceNames = {
    classes: new Map(classes.map((c) => [c.id, c.name])),
    groups: new Map(groups.map((g) => [g.id, g.name])),
  }
  const sourceAudience = audienceOf(source)
  const targetAudience = audienceOf(target)
  const draftRule =
    sourceAudience && targetAudience
      ? { source: sourceAudience, target: targetAudience, effect, bothWays: bothWays === 'both' }
      : null
  const preview = draftRule ? ruleSentence(t, draftRule, names) : null
  const warnings = draftRule ? ruleWarnings(draftRule) : []

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    errors.clear()
    if (!sourceAudience || !targetAudience) {
      setMissing({ source: !sourceAudience, target: !targetAudience })
      return
    }
    try {
      const created = await add.mutateAsync({
        source: sourceAudience,
        target: targetAudience,
        effect,
        bothWays: bothWays === 'both',
        ...(note.trim() ? { note: note.trim() } : {}),
      })
      onDone(
        preview,
        created.warnings.map((warning) => warning.detail),
      )
    } catch (error) {
      errors.fail(error)
    }
  }

  const sideError = (side: 'source' | 'target') =>
    errors.fields[side] ?? (missing[side] ? t(`${k}.chooseAudience`) : null)

  return (
    <Form onSubmit={onSubmit} validationErrors={errors.fields} className="admin-form">
      <FormAlert message={errors.form} />
      <RadioGroupField
        label={t(`${k}.effect`)}
        value={effect}
        onChange={(value) => setEffect(value as 'allow' | 'deny')}
        choices={[
          { value: 'allow', label: t(`${k}.allow`), hint: t(`${k}.allowHint`) },
          { value: 'deny', label: t(`${k}.deny`), hint: t(`${k}.denyHint`) },
        ]}
        errorMessage={errors.fields.effect}
      />
      <div className="two-columns">
        <AudienceFields
          legend={t(`${k}.source`)}
          draft={source}
          onChange={(draft) => {
            setSource(draft)
            setMissing((current) => ({ ...current, source: false }))
          }}
          classes={classes}
          groups={groups}
          errorMessage={sideError('source')}
        />
        <AudienceFields
          legend={t(`${k}.target`)}
          draft={target}
          onChange={(draft) => {
            setTarget(draft)
            setMissing((current) => ({ ...current, target: false }))
          }}
          classes={classes}
          groups={groups}
          errorMessage={sideError('target')}
        />
      </div>
      <RadioGroupField
        label={t(`${k}.direction`)}
        value={bothWays}
        onChange={setBothWays}
        choices={[
          { value: 'both', label: t(`${k}.bothWays`) },
          { value: 'one', label: t(`${k}.oneWay`) },
        ]}
        errorMessage={errors.fields.bothWays}
      />
      <TextAreaField
        name="note"
        label={t(`${k}.note`)}
        description={t(`${k}.noteHint`)}
        value={note}
        onChange={errors.changing('note', setNote)}
        maxLength={300}
      />
      <div className="rule-preview" aria-live="polite">
        <p className="rule-preview__label">{t(`${k}.preview`)}</p>
        <p className="rule-preview__sentence">{preview ?? t(`${k}.previewPending`)}</p>
        {warnings.map((code) => (
          <Alert key={code} tone="error" title={t(`${k}.warningTitle`)}>
            <p>{t(`${k}.warnings.${code}`)}</p>
          </Alert>
        ))}
      </div>
      <FormButtons submitLabel={t(`${k}.submit`)} isPending={add.isPending} onCancel={() => onDone(null)} />
    </Form>
  )
}

import { Checkbox, CheckboxGroup, FieldError, Label, Radio, RadioGroup, Text } from 'react-aria-components'
import { AlertIcon, CheckIcon } from './icons/ui-icons.tsx'
import './field.css'

/** One choice of a group: its value, its visible label, and an optional hint under it. */
type Choice = { value: string; label: string; hint?: string }

type GroupProps = {
  label: string
  description?: string
  choices: readonly Choice[]
  /** The error shown under the group (the server's, or a check of the form). */
  errorMessage?: string | null
  isRequired?: boolean
  /** One choice per line (long labels), instead of side by side. */
  isStacked?: boolean
  name?: string
}

function groupClass(isStacked: boolean | undefined) {
  return ['choice-group', isStacked ? 'choice-group--stacked' : ''].filter(Boolean).join(' ')
}

function ChoiceText({ choice }: { choice: Choice }) {
  return (
    <span className="choice__text">
      <span>{choice.label}</span>
      {choice.hint && <span className="choice__hint">{choice.hint}</span>}
    </span>
  )
}

/** The group's label and its optional help, read by screen readers with the group. */
function GroupHead({
  label,
  description,
}: {
  label: GroupProps['label']
  description?: GroupProps['description']
}) {
  return (
    <>
      <Label className="choice-group__label">{label}</Label>
      {description && (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      )}
    </>
  )
}

function GroupError({ message }: { message?: string | null }) {
  return (
    <FieldError className="field__error">
      <AlertIcon />
      <span>{message}</span>
    </FieldError>
  )
}

/**
 * Several choices among a few (the levels of a class): large boxes that show their state by a tick
 * and a colour, and say it to screen readers as checkboxes of a labelled group.
 */
export function CheckboxGroupField({
  value,
  onChange,
  ...props
}: GroupProps & { value: string[]; onChange: (value: string[]) => void }) {
  return (
    <CheckboxGroup
      className={groupClass(props.isStacked)}
      value={value}
      onChange={onChange}
      isRequired={props.isRequired}
      isInvalid={Boolean(props.errorMessage)}
      validationBehavior="aria"
      name={props.name}
    >
      <GroupHead label={props.label} description={props.description} />
      <div className="choice-group__options">
        {props.choices.map((choice) => (
          <Checkbox key={choice.value} value={choice.value} className="choice">
            {({ isSelected }) => (
              <>
                <span className="choice__box" aria-hidden="true">
                  {isSelected && <CheckIcon size={16} />}
                </span>
                <ChoiceText choice={choice} />
              </>
            )}
          </Checkbox>
        ))}
      </div>
      <GroupError message={props.errorMessage} />
    </CheckboxGroup>
  )
}

/** One choice among a few, all visible at once (better than a list when there are two to five). */
export function RadioGroupField({
  value,
  onChange,
  ...props
}: GroupProps & { value: string; onChange: (value: string) => void }) {
  return (
    <RadioGroup
      className={groupClass(props.isStacked)}
      value={value}
      onChange={onChange}
      isRequired={props.isRequired}
      isInvalid={Boolean(props.errorMessage)}
      validationBehavior="aria"
      name={props.name}
    >
      <GroupHead label={props.label} description={props.description} />
      <div className="choice-group__options">
        {props.choices.map((choice) => (
          <Radio key={choice.value} value={choice.value} className="choice">
            <span className="choice__box choice__box--radio" aria-hidden="true" />
            <ChoiceText choice={choice} />
          </Radio>
        ))}
      </div>
      <GroupError message={props.errorMessage} />
    </RadioGroup>
  )
}

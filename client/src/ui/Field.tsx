import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'

interface FieldShell {
  label: ReactNode
  hint?: ReactNode
  error?: ReactNode
}

/** The ids that tie a control to its hint and error, and the attributes that say so on the control. */
interface FieldIds {
  controlId: string
  hintId: string | undefined
  errorId: string | undefined
  control: { id: string; 'aria-describedby': string | undefined; 'aria-invalid': true | undefined }
}

function useFieldIds(id: string | undefined, hint: ReactNode, error: ReactNode): FieldIds {
  const generated = useId()
  const controlId = id ?? generated
  const hintId = hint ? `${controlId}-hint` : undefined
  const errorId = error ? `${controlId}-error` : undefined
  return {
    controlId,
    hintId,
    errorId,
    control: {
      id: controlId,
      'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      'aria-invalid': error ? true : undefined,
    },
  }
}

/** What a field's wrapper is: `field` and any extra classes. */
function fieldClass(...classes: (string | undefined)[]): string {
  return ['field', ...classes].filter(Boolean).join(' ')
}

/** A hint or error paragraph, or nothing when there is none. */
function FieldNote({ id, className, children }: { id: string | undefined; className: string; children: ReactNode }) {
  return (
    children && (
      <p id={id} className={className}>
        {children}
      </p>
    )
  )
}

/**
 * The shell every text, select and text-area field shares: the label, then the hint and the
 * error (before the control, so a screen reader meets them in that order), then the control.
 */
function Field({ ids, label, hint, error, className, children }: FieldShell & { ids: FieldIds; className?: string; children: ReactNode }) {
  return (
    <div className={fieldClass(className)}>
      <label htmlFor={ids.controlId}>{label}</label>
      <FieldNote id={ids.hintId} className="field-hint">
        {hint}
      </FieldNote>
      <FieldNote id={ids.errorId} className="field-error">
        {error}
      </FieldNote>
      {children}
    </div>
  )
}

/** A labelled input with optional hint and error, wired with aria-describedby / aria-invalid. */
export function TextField({ label, hint, error, id, className, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds(id, hint, error)
  return (
    <Field ids={ids} label={label} hint={hint} error={error} className={className}>
      <input {...ids.control} {...input} />
    </Field>
  )
}

/** A labelled select with optional hint and error. */
export function SelectField({ label, hint, error, id, className, ...select }: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) {
  const ids = useFieldIds(id, hint, error)
  return (
    <Field ids={ids} label={label} hint={hint} error={error} className={className}>
      <select {...ids.control} {...select} />
    </Field>
  )
}

/** A labelled text area with optional hint and error. */
export function TextAreaField({
  label,
  hint,
  error,
  id,
  className,
  ...textarea
}: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds(id, hint, error)
  return (
    <Field ids={ids} label={label} hint={hint} error={error} className={className}>
      <textarea {...ids.control} {...textarea} />
    </Field>
  )
}

/** A labelled checkbox with an optional hint below it. */
export function CheckboxField({
  label,
  hint,
  id,
  className,
  ...input
}: Omit<FieldShell, 'error'> & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const ids = useFieldIds(id, hint, undefined)
  return (
    <div className={fieldClass('field-checkbox', className)}>
      <div className="field-checkbox-row">
        <input id={ids.controlId} type="checkbox" aria-describedby={ids.hintId} {...input} />
        <label htmlFor={ids.controlId}>{label}</label>
      </div>
      <FieldNote id={ids.hintId} className="field-hint">
        {hint}
      </FieldNote>
    </div>
  )
}

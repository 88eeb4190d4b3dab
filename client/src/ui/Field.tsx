import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react'

interface FieldShell {
  label: ReactNode
  hint?: ReactNode
  error?: ReactNode
}

/** A labelled input with optional hint and error, wired with aria-describedby / aria-invalid. */
export function TextField({ label, hint, error, id, className, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const generated = useId()
  const inputId = id ?? generated
  const hintId = hint ? `${inputId}-hint` : undefined
  const errorId = error ? `${inputId}-error` : undefined
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      <input
        id={inputId}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        aria-invalid={error ? true : undefined}
        {...input}
      />
    </div>
  )
}

/** A labelled select. */
export function SelectField({
  label,
  hint,
  error,
  id,
  className,
  children,
  ...select
}: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) {
  const generated = useId()
  const selectId = id ?? generated
  const hintId = hint ? `${selectId}-hint` : undefined
  const errorId = error ? `${selectId}-error` : undefined
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={selectId}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      <select id={selectId} aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined} aria-invalid={error ? true : undefined} {...select}>
        {children}
      </select>
    </div>
  )
}

/** A labelled checkbox with an optional hint below it. */
export function CheckboxField({ label, hint, id, className, ...input }: Omit<FieldShell, 'error'> & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const generated = useId()
  const inputId = id ?? generated
  const hintId = hint ? `${inputId}-hint` : undefined
  return (
    <div className={['field', 'field-checkbox', className].filter(Boolean).join(' ')}>
      <div className="field-checkbox-row">
        <input id={inputId} type="checkbox" aria-describedby={hintId} {...input} />
        <label htmlFor={inputId}>{label}</label>
      </div>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  )
}

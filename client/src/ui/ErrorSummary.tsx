import { useEffect, useId, useRef, type MouseEvent, type ReactNode } from 'react'

/** One problem with a form: its message and the id of the field it is about (if any). */
export interface FormProblem {
  fieldId: string | null
  message: ReactNode
}

/**
 * The list of a form's problems at its top (WCAG 3.3.1): announced (role=alert), focused
 * when it appears or changes, each entry a link that moves focus to its field.
 * It takes focus whenever it gets a new `problems` array: give a new array per submit and
 * the same one between submits (memoise), or typing in a field would lose focus.
 */
export function ErrorSummary({ title, problems }: { title: ReactNode; problems: FormProblem[] }) {
  const ref = useRef<HTMLDivElement>(null)
  const titleId = useId()
  useEffect(() => {
    if (problems.length > 0) ref.current?.focus()
  }, [problems])
  if (problems.length === 0) return null

  function handleFieldLink(event: MouseEvent<HTMLAnchorElement>, fieldId: string) {
    event.preventDefault()
    const field = document.getElementById(fieldId)
    field?.focus()
    field?.scrollIntoView({ block: 'center' })
  }

  return (
    <div ref={ref} className="error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1}>
      <h2 id={titleId} className="error-summary-title">
        {title}
      </h2>
      <ul>
        {problems.map((problem, index) => (
          <li key={index}>
            {problem.fieldId ? (
              <a href={`#${problem.fieldId}`} onClick={(event) => handleFieldLink(event, problem.fieldId!)}>
                {problem.message}
              </a>
            ) : (
              problem.message
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}

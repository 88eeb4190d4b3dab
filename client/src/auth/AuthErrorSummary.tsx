import { useMemo } from 'react'
import { T } from '../i18n/T'
import { ErrorSummary } from '../ui/ErrorSummary'
import type { AuthField, AuthProblem } from './authRules'

/** The error summary at the top of an auth form; `fieldIds` says which input each field is. */
export function AuthErrorSummary({ problems, fieldIds }: { problems: AuthProblem[]; fieldIds: Partial<Record<AuthField, string>> }) {
  // The same array between submits: the summary takes focus only when a submit finds problems.
  const summary = useMemo(
    () =>
      problems.map((problem) => ({
        fieldId: problem.field ? (fieldIds[problem.field] ?? null) : null,
        message: <T k={problem.key} values={problem.values} />,
      })),
    [problems, fieldIds],
  )
  return <ErrorSummary title={<T k="auth:errors.summaryTitle" />} problems={summary} />
}

/** The inline message for one field (the first problem about it), or undefined. */
export function fieldError(problems: AuthProblem[], field: AuthField) {
  const problem = problems.find((candidate) => candidate.field === field)
  return problem ? <T k={problem.key} values={problem.values} /> : undefined
}

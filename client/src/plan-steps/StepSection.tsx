import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { isTranslated } from '../i18n'
import { T } from '../i18n/T'
import './steps.css'
import type { KeyIn } from '../i18n/keys'

/**
 * The frame of a ROCC step: an h2 with the step's name, what the step is for in plain words,
 * and the questions a hui can work through (from the problem-solving cycle).
 */
export function StepSection({
  labelKey,
  step,
  children,
}: {
  /** The step's name, a key of `common`. */
  labelKey: KeyIn<'common'>
  /** The step's key prefix in the `steps` namespace. */
  step: 'focusAreas' | 'environment' | 'actions' | 'monitoring'
  children: ReactNode
}) {
  const { t } = useTranslation('steps')
  const headingId = useId()
  const questions = t(`${step}.questions`, { returnObjects: true }) as unknown
  return (
    <section className="plan-step" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <T k={`common:${labelKey}`} />
      </h2>
      <p className="step-help">
        <T k={`steps:${step}.help`} />
      </p>
      {Array.isArray(questions) && questions.length > 0 && (
        <details className="step-questions">
          <summary>
            <T k="steps:common.questionsSummary" />
          </summary>
          <ul lang={isTranslated(`steps:${step}.questions`) ? undefined : 'en'}>
            {questions.map((question, index) => (
              <li key={index}>{String(question)}</li>
            ))}
          </ul>
        </details>
      )}
      {children}
    </section>
  )
}

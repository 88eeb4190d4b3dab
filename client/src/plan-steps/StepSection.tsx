import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { langOf } from '../i18n'
import { T } from '../i18n/T'
import { useMediaQuery, WIDE_SCREEN } from '../ui/useMediaQuery'
import './steps.css'
import type { KeyIn } from '../i18n/keys'

/**
 * The frame of a ROCC step: an h2 with the step's name, what the step is for in plain words,
 * and the questions a hui can work through (from the problem-solving cycle). Below wide screens
 * both fold away, so that the step's first field is in the first screenful.
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
  const wide = useMediaQuery(WIDE_SCREEN)
  const questionList = Array.isArray(questions) && questions.length > 0 && (
    <details className="step-questions">
      <summary>
        <T k="steps:common.questionsSummary" />
      </summary>
      <ul lang={langOf(`steps:${step}.questions`)}>
        {questions.map((question, index) => (
          <li key={index}>{String(question)}</li>
        ))}
      </ul>
    </details>
  )
  const heading = (
    <h2 id={headingId}>
      <T k={`common:${labelKey}`} />
    </h2>
  )
  return (
    <section className="plan-step" aria-labelledby={headingId}>
      {wide ? (
        <>
          {heading}
          <p className="step-help">
            <T k={`steps:${step}.help`} />
          </p>
          {questionList}
        </>
      ) : (
        // Where room is short, what the step is for folds away beside its name (the questions
        // inside it): the step's first field stays in the first screenful.
        <div className="step-head">
          {heading}
          <details className="step-about">
            <summary>
              <T k="steps:common.aboutStep" />
            </summary>
            <p className="step-help">
              <T k={`steps:${step}.help`} />
            </p>
            {questionList}
          </details>
        </div>
      )}
      {children}
    </section>
  )
}

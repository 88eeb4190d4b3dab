import { useTranslation } from 'react-i18next'
import { isKeyIn } from '../i18n/keys'
import type { DiffPart, FieldDiff } from '@hononga/shared'
import './diff.css'

/**
 * A word diff as text: added words in <ins>, removed words in <del>, each announced to
 * screen readers ("added:", "removed:") and drawn with an underline or a strike, not by
 * colour alone. React elements only: no text of the plan is ever read as markup.
 */
export function WordDiff({ parts }: { parts: readonly DiffPart[] }) {
  const { t } = useTranslation('history')
  return (
    <span className="word-diff">
      {parts.map((part, index) =>
        part.kind === 'added' ? (
          <ins key={index}>
            <span className="visually-hidden">{t('diff.added')} </span>
            {part.text}
          </ins>
        ) : part.kind === 'removed' ? (
          <del key={index}>
            <span className="visually-hidden">{t('diff.removed')} </span>
            {part.text}
          </del>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </span>
  )
}

/** The name of a field in a diff ("Outcome", "Due date"), or the field's own name when unknown. */
export function useFieldLabel(): (field: string) => string {
  const { t } = useTranslation('history')
  return (field) => {
    const key = `diff.fields.${field}`
    return isKeyIn('history', key) ? t(key) : field
  }
}

/** The fields that changed in one item, each as a word diff. */
export function FieldDiffList({ fields }: { fields: readonly FieldDiff[] }) {
  const { t } = useTranslation('history')
  const label = useFieldLabel()
  if (fields.length === 0) return <p className="diff-none">{t('diff.noWordChanges')}</p>
  return (
    <dl className="field-diffs">
      {fields.map((field) => (
        <div key={field.field} className="field-diff">
          <dt>{label(field.field)}</dt>
          <dd>
            <WordDiff parts={field.parts} />
          </dd>
        </div>
      ))}
    </dl>
  )
}

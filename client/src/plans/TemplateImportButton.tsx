import { useId, useState, type ChangeEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_TEMPLATE_BYTES, readTemplate } from '../exports/templateFile'
import { Notice } from '../ui/Notice'
import '../exports/exports.css'

/** A plan export chosen as a template, and the heading it suggests for the new plan. */
export interface ChosenTemplate {
  exported: unknown
  title: string
  community: string
  district: string | null
}

const TEMPLATE_SUFFIX = ' (from template)'

/** The heading a template suggests: "<title> (from template)", its community and district. */
export function suggestedHeading(exported: unknown): Omit<ChosenTemplate, 'exported'> {
  const meta = (exported as { plan?: { meta?: Record<string, unknown> } }).plan?.meta ?? {}
  const text = (value: unknown) => (typeof value === 'string' ? value.normalize('NFC').trim() : '')
  const title = text(meta.title) || 'Plan'
  return {
    title: `${Array.from(title)
      .slice(0, 300 - TEMPLATE_SUFFIX.length)
      .join('')
      .trimEnd()}${TEMPLATE_SUFFIX}`,
    community: text(meta.community),
    district: text(meta.district) || null,
  }
}

/**
 * "Start from a template": choose a plan exported from Hononga ("Whole plan (JSON)"); the
 * new plan's title, place and the importer's partner are then chosen in the new-plan form
 * (`onChosen`). A real file input, labelled; its label looks like a button.
 */
export function TemplateImportButton({ onChosen, onIntent }: { onChosen: (template: ChosenTemplate) => void; onIntent?: () => void }) {
  const { t } = useTranslation('exports')
  const [problem, setProblem] = useState<string | null>(null)
  const id = useId()
  const hintId = `${id}-hint`

  async function handleChange(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget
    const file = input.files?.[0]
    // Choosing the same file again (after fixing it) fires change again.
    input.value = ''
    if (!file) return
    setProblem(null)
    if (file.size > MAX_TEMPLATE_BYTES) {
      setProblem(t('template.tooLarge', { name: file.name }))
      return
    }
    const read = readTemplate(await file.text())
    if (!read.ok) {
      setProblem(t(`template.${read.problem}`, { name: file.name }))
      return
    }
    onChosen({ exported: read.exported, ...suggestedHeading(read.exported) })
  }

  return (
    <div className="template-import">
      <input
        id={id}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        aria-describedby={hintId}
        onFocus={onIntent}
        onChange={(event) => void handleChange(event)}
      />
      <label htmlFor={id} className="btn btn-secondary" onPointerEnter={onIntent}>
        {t('template.button')}
      </label>
      <p id={hintId} className="field-hint">
        {t('template.hint')}
      </p>
      {problem && <Notice kind="error">{problem}</Notice>}
    </div>
  )
}

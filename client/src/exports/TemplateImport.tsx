import { useId, useState, type ChangeEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'wouter'
import { api, ApiError, NetworkError } from '../api/client'
import { Notice } from '../ui/Notice'
import { MAX_TEMPLATE_BYTES, readTemplate } from './templateFile'
import './exports.css'

/**
 * "Start from a template": choose a plan exported from Hononga ("Whole plan (JSON)") and a
 * new plan starts with its content, without the other plan's people, positions or history.
 * A real file input, labelled; its label looks like a button.
 */
export function TemplateImport() {
  const { t } = useTranslation('exports')
  const { t: tc } = useTranslation('common')
  const [, navigate] = useLocation()
  const [busy, setBusy] = useState(false)
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
    setBusy(true)
    try {
      const plan = await api.importPlan(read.exported)
      navigate(`/plans/${encodeURIComponent(plan.id)}`)
    } catch (error) {
      setBusy(false)
      setProblem(
        error instanceof NetworkError
          ? tc('status.networkError')
          : error instanceof ApiError && error.code === 'payload_too_large'
            ? t('template.tooLarge', { name: file.name })
            : error instanceof ApiError &&
                (error.code === 'validation_failed' || error.code === 'bad_request' || error.code === 'invalid_json')
              ? t('template.refused', { name: file.name, message: error.message })
              : t('template.failed', { message: error instanceof Error ? error.message : String(error) }),
      )
    }
  }

  return (
    <div className="template-import">
      <input
        id={id}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        aria-describedby={hintId}
        disabled={busy}
        onChange={(event) => void handleChange(event)}
      />
      <label htmlFor={id} className="btn btn-secondary">
        {t('template.button')}
      </label>
      <p id={hintId} className="field-hint">
        {t('template.hint')}
      </p>
      {busy && <p role="status">{t('template.importing')}</p>}
      {problem && <Notice kind="error">{problem}</Notice>}
    </div>
  )
}

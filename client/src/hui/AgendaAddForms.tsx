import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { addAgendaItem, listConditions, listFocusAreas, listPriorityActions, type AgreementTarget } from '@hononga/shared'
import type * as Y from 'yjs'
import { STEPS } from '../plan-steps'
import { useDocValue } from '../sync/useDocValue'
import { Button } from '../ui/Button'
import { SelectField, TextField } from '../ui/Field'
import { stepOfTarget } from './agenda'

/** Minutes typed in a field: blank is "no time set". */
export function parseMinutes(text: string): number | null {
  if (text.trim() === '') return null
  const minutes = Number(text)
  if (!Number.isFinite(minutes)) throw new Error(`Not a number: ${text}`)
  return minutes
}

/** Adds an item of the facilitator's own (a break, kai, a presentation). */
export function AddFreeItem({ doc, onAdded }: { doc: Y.Doc; onAdded: (title: string) => void }) {
  const { t } = useTranslation('hui')
  const [title, setTitle] = useState('')
  const [minutes, setMinutes] = useState('10')
  const [error, setError] = useState<string | null>(null)
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (title.trim() === '') {
      setError(t('agenda.errorTitle'))
      return
    }
    try {
      addAgendaItem(doc, { kind: 'free', title, durationMinutes: parseMinutes(minutes) })
    } catch {
      setError(t('agenda.errorMinutes'))
      return
    }
    onAdded(title.trim())
    setTitle('')
    setError(null)
  }
  return (
    <form className="agenda-add" onSubmit={handleSubmit} noValidate>
      <h3>{t('agenda.addFree')}</h3>
      <div className="agenda-add-fields">
        <TextField
          label={t('agenda.itemTitle')}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          error={error ?? undefined}
          maxLength={200}
        />
        <MinutesField value={minutes} onChange={setMinutes} />
      </div>
      <Button type="submit">{t('agenda.addFreeButton')}</Button>
    </form>
  )
}

interface PlanChoice {
  value: string
  label: string
  group: 'steps' | 'focusAreas' | 'conditions' | 'actions'
}

function readChoices(doc: Y.Doc): (Omit<PlanChoice, 'label'> & { title: string })[] {
  return [
    ...listFocusAreas(doc).map((item) => ({ value: `focusArea|${item.id}`, group: 'focusAreas' as const, title: item.title.toString() })),
    ...listConditions(doc).map((item) => ({ value: `condition|${item.id}`, group: 'conditions' as const, title: item.title.toString() })),
    ...listPriorityActions(doc).map((item) => ({ value: `action|${item.id}`, group: 'actions' as const, title: item.title.toString() })),
  ]
}

/** Adds a ROCC step or one item of the plan (a focus area, a condition, a priority action). */
export function AddPlanItem({ doc, onAdded }: { doc: Y.Doc; onAdded: (title: string) => void }) {
  const { t } = useTranslation('hui')
  const { t: tc } = useTranslation('common')
  const { t: ts } = useTranslation('steps')
  const items = useDocValue(doc, readChoices)
  const [choice, setChoice] = useState('')
  const [minutes, setMinutes] = useState('15')
  const [error, setError] = useState<string | null>(null)
  const untitled = {
    focusAreas: ts('focusAreas.untitled'),
    conditions: ts('conditions.untitled'),
    actions: ts('actions.untitled'),
    steps: '',
  }
  const choices: PlanChoice[] = [
    ...STEPS.map((step) => ({ value: `step|${step.id}`, label: tc(step.labelKey), group: 'steps' as const })),
    ...items.map((item) => ({ value: item.value, group: item.group, label: item.title.trim() || untitled[item.group] })),
  ]
  const groups = (['steps', 'focusAreas', 'conditions', 'actions'] as const).filter((group) => choices.some((c) => c.group === group))

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault()
    const chosen = choices.find((c) => c.value === choice)
    if (!chosen) {
      setError(t('agenda.errorChoice'))
      return
    }
    const [kind, id] = chosen.value.split('|') as [string, string]
    try {
      const durationMinutes = parseMinutes(minutes)
      if (kind === 'step') addAgendaItem(doc, { kind: 'step', stepId: id, durationMinutes })
      else {
        const target = { kind, id } as AgreementTarget
        addAgendaItem(doc, { kind: 'item', target, stepId: stepOfTarget(target), durationMinutes })
      }
    } catch {
      setError(t('agenda.errorMinutes'))
      return
    }
    onAdded(chosen.label)
    setChoice('')
    setError(null)
  }

  return (
    <form className="agenda-add" onSubmit={handleSubmit} noValidate>
      <h3>{t('agenda.addPlanItem')}</h3>
      <div className="agenda-add-fields">
        <SelectField
          label={t('agenda.planItem')}
          value={choice}
          onChange={(event) => setChoice(event.target.value)}
          error={error ?? undefined}
        >
          <option value="">{t('agenda.choose')}</option>
          {groups.map((group) => (
            <optgroup key={group} label={t(`agenda.groups.${group}`)}>
              {choices
                .filter((c) => c.group === group)
                .map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </SelectField>
        <MinutesField value={minutes} onChange={setMinutes} />
      </div>
      <Button type="submit">{t('agenda.addPlanItemButton')}</Button>
    </form>
  )
}

/** How long an agenda item runs, in whole minutes (blank: no time set). */
function MinutesField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation('hui')
  return (
    <TextField
      className="agenda-minutes-field"
      label={t('agenda.minutes')}
      type="number"
      min={0}
      max={1440}
      inputMode="numeric"
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  )
}

import { useTranslation } from 'react-i18next'
import type { KeyIn } from '../i18n/keys'
import type { AgendaEntry } from './agenda'

/**
 * The ROCC steps' names (keys of `common`), as in plan-steps' STEPS: not imported from there,
 * because the minutes page uses this too and must not pull in the steps' editors.
 */
const STEP_LABEL_KEYS: Record<string, KeyIn<'common'>> = {
  'focus-areas': 'steps.focusAreas',
  environment: 'steps.environment',
  actions: 'steps.actions',
  monitoring: 'steps.monitoring',
  commitments: 'steps.commitments',
}

/**
 * An agenda item's title in the reader's language: the facilitator's own title when they
 * gave one; else the usual name of its kind (karakia, mihi...), the ROCC step's name, or the
 * plan item's current title.
 */
export function useAgendaTitle(): (entry: AgendaEntry) => string {
  const { t } = useTranslation('hui')
  const { t: tc } = useTranslation('common')
  return (entry) => {
    if (entry.title.trim() !== '') return entry.title
    switch (entry.kind) {
      case 'karakia':
      case 'mihi':
      case 'whakawhanaungatanga':
      case 'closing':
        return t(`kinds.${entry.kind}`)
      case 'step': {
        const key = entry.stepId ? STEP_LABEL_KEYS[entry.stepId] : undefined
        return key ? tc(key) : t('kinds.free')
      }
      case 'item':
        return entry.itemTitle === null ? t('agenda.removedItem') : entry.itemTitle.trim() || t('agenda.untitledItem')
      case 'free':
        return t('agenda.untitledItem')
    }
  }
}

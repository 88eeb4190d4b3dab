import { useTranslation } from 'react-i18next'
import type { ItemDiff, PlanDiff, SectionDiff } from '@hononga/shared'
import { DateTime } from '../i18n/dates'
import { FieldDiffList } from './WordDiff'

/** A mark per kind of change, so it reads without colour too (the word says it in full). */
const CHANGE_MARKS: Record<ItemDiff['change'], string> = { added: '+', removed: '−', changed: '~' }

/**
 * What changed between two versions of a plan, readably: per section (the ROCC steps and
 * the plan's details), the items added, removed or changed, and in each changed item every
 * field that changed, word by word.
 */
export function PlanDiffView({ diff }: { diff: PlanDiff }) {
  const { t } = useTranslation('history')
  const version = (end: PlanDiff['from']) => (
    <>
      “{end.snapshotId === null ? t('compare.now') : end.label}” (<DateTime iso={end.at} />)
    </>
  )
  return (
    <div className="plan-diff">
      <p className="plan-diff-versions">
        {t('compare.from')} {version(diff.from)} {t('compare.to')} {version(diff.to)}
      </p>
      {diff.unchanged || diff.sections.length === 0 ? (
        <p>{t('compare.unchanged')}</p>
      ) : (
        diff.sections.map((section) => <SectionChanges key={section.section} section={section} />)
      )}
    </div>
  )
}

function SectionChanges({ section }: { section: SectionDiff }) {
  const { t } = useTranslation('history')
  return (
    <section className="plan-diff-section">
      <h4>{t(`compare.sections.${section.section}`)}</h4>
      <ul className="plan-diff-items">
        {section.items.map((item) => (
          <li key={item.id} className={`plan-diff-item plan-diff-${item.change}`}>
            <p className="plan-diff-item-head">
              <span className="plan-diff-change">
                <span aria-hidden="true">{CHANGE_MARKS[item.change]} </span>
                {t(`compare.change.${item.change}`)}
              </span>{' '}
              <span className="plan-diff-title">{item.title || t('preview.untitled')}</span>
            </p>
            {item.fields.length > 0 && <FieldDiffList fields={item.fields} />}
          </li>
        ))}
      </ul>
    </section>
  )
}

import { useMemo, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { summariseAgreement, type AgreementPosition, type AgreementTarget } from '@hononga/shared'
import { AgreementStateBadge, usePartnerName } from '../../agreement/AgreementGlance'
import { usePlanItems, type PlanItems } from '../../agreement/PlanItemsContext'

/** A mark per position, so a tile reads without colour (its words say it in full). */
const POSITION_MARKS: Record<AgreementPosition | 'none', string> = {
  agree: '✓',
  'agree with concerns': '✓',
  'not yet': '…',
  object: '✕',
  none: '○',
}

/**
 * Each partner's position on the item shown, at a glance from the back of the room: one tile
 * per partner whose agreement counts now (at a hui, the partners present), with the overall
 * state. A position on an earlier version of the item says so: it does not count.
 */
export function ItemPositions({ target, title }: { target: AgreementTarget; title: string }) {
  const items = usePlanItems()
  return items ? <Positions items={items} target={target} title={title} /> : null
}

function Positions({ items, target, title }: { items: PlanItems; target: AgreementTarget; title: string }) {
  const { t } = useTranslation('hui')
  const { t: ta } = useTranslation('agreement')
  const name = usePartnerName()
  const { store, partners } = items
  const agreement = useSyncExternalStore(store.subscribe, () => store.agreementOf(target))
  const summary = useMemo(() => summariseAgreement(partners, agreement.records, agreement.fingerprint), [partners, agreement])
  return (
    <section className="present-positions" aria-label={`${t('present.positions')}: ${title}`} data-state={summary.state}>
      <AgreementStateBadge state={summary.state} />
      {summary.positions.length === 0 ? (
        <p className="present-positions-none">{t('present.noPartners')}</p>
      ) : (
        <ul className="present-position-list">
          {summary.positions.map(({ partner, record, current }) => {
            const position = record && current ? record.position : 'none'
            return (
              <li key={partner.key} className={`present-partner present-partner-${position.replace(/\s+/g, '-')}`}>
                <span className="present-partner-mark" aria-hidden="true">
                  {POSITION_MARKS[position]}
                </span>
                <span className="present-partner-name">{name(partner)}</span>{' '}
                <span className="present-partner-word">
                  {record ? ta(`recorded.${record.position}`) : ta('recorded.none')}
                  {record && !current && ` ${ta('earlierVersion')}`}
                </span>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}

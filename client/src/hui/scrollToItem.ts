import type { AgreementTarget } from '@hononga/shared'
import { itemHeadingId } from '../plan-steps/SectionItemCard'

/** Brings a plan item into view once its step has rendered (without moving keyboard focus). */
export function scrollToItem(target: AgreementTarget): void {
  const id = target.kind === 'monitoring' ? `monitoring-${itemHeadingId(target.id)}` : itemHeadingId(target.id)
  let tries = 0
  const attempt = () => {
    const heading = document.getElementById(id)
    if (heading) heading.scrollIntoView({ block: 'start' })
    else if (++tries < 20) window.setTimeout(attempt, 100)
  }
  attempt()
}

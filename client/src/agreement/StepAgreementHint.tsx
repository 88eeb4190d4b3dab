import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { AgreementTargetKind, Member } from '@hononga/shared'
import { tallyParts, useAgreementTally } from './stepAgreement'

/**
 * A step's agreement in a few words, for the step nav: "3 of 5 agreed · 1 changed since
 * agreed · 1 waiting", or "✓ All 5 agreed". `started` as in {@link tallyParts}; `lead` goes
 * before it when there is something to say (the separator after the step's other hint).
 */
export function StepAgreementHint({
  doc,
  members,
  kind,
  started = false,
  lead,
}: {
  doc: Y.Doc
  members: readonly Member[]
  kind: AgreementTargetKind
  started?: boolean
  lead?: string
}) {
  const { t } = useTranslation('agreement')
  const tally = useAgreementTally(doc, members, kind)
  const parts = tallyParts(tally, started)
  if (parts.length === 0) return null
  const all = parts[0]?.kind === 'allAgreed'
  const words = parts.map((part) => {
    switch (part.kind) {
      case 'allAgreed':
        return t('tally.allAgreed', { count: part.count })
      case 'agreed':
        return t('tally.agreed', { agreed: part.agreed, total: part.total })
      case 'noPartners':
        return t('tally.noPartners')
      default:
        return t(`tally.${part.kind}`, { count: part.count })
    }
  })
  return (
    <>
      {lead}
      <span
        className={all ? 'step-nav-complete step-nav-agreement' : 'step-nav-hint step-nav-agreement'}
        data-agreed={tally.agreed}
        data-total={tally.total}
        data-changed={tally.changed}
        data-waiting={tally.waiting}
      >
        {all && <span aria-hidden="true">✓ </span>}
        {words.join(' · ')}
      </span>
    </>
  )
}

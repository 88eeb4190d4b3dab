import { useTranslation } from 'react-i18next'
import type { AgreedMark, AgreementState, AgreementSummary, Partner } from '@hononga/shared'
import { formatLocale } from '../i18n'
import { glanceSegments } from './glance'
import { partnerName } from './partnerNames'
import type { VoicelessReason } from './voice'
import './agreement.css'

/** A mark per state, so the badge reads without colour too (its text says it in full). */
const STATE_MARKS: Record<AgreementState, string> = { agreed: '✓', objected: '✕', open: '○' }

/** Names partners as people know them (organisation, else the affiliation). */
export function usePartnerName(): (partner: Pick<Partner, 'affiliation' | 'organisation'>) => string {
  const { t } = useTranslation('common')
  return (partner) => partnerName(partner, (affiliation) => t(`affiliations.${affiliation}`))
}

/** The at-a-glance line in words: "Agreed by Ngāti Awa, New Zealand Police · Still needed: MSD". */
export function useGlanceText(): (summary: AgreementSummary) => string {
  const { t } = useTranslation('agreement')
  const name = usePartnerName()
  const list = new Intl.ListFormat(formatLocale(), { style: 'short', type: 'unit' })
  return (summary) => {
    if (summary.positions.length === 0) return t('glance.noPartners')
    return glanceSegments(summary)
      .map((segment) => {
        switch (segment.kind) {
          case 'objected':
            return t('glance.objectedBy', { partners: list.format(segment.partners.map(name)) })
          case 'agreed':
            return t('glance.agreedBy', {
              partners: list.format(
                segment.partners.map(({ partner, concerns }) =>
                  concerns ? t('glance.withConcerns', { partner: name(partner) }) : name(partner),
                ),
              ),
            })
          case 'notYet':
            return t('glance.notYet', { partners: list.format(segment.partners.map(name)), count: segment.partners.length })
          case 'noneYet':
            return t('glance.noneYet', { partners: list.format(segment.partners.map(name)) })
        }
      })
      .join(' · ')
  }
}

/**
 * Why an item cannot be marked agreed yet, in words: who objects or has not agreed, or that no
 * partner has anyone who can speak for it; and which partners are not counted, and why.
 */
export function useCannotMarkReason(): (
  summary: AgreementSummary,
  voiceless: readonly { partner: Partner; reason: VoicelessReason }[],
  huiActive: boolean,
) => string {
  const { t } = useTranslation('agreement')
  const name = usePartnerName()
  const list = new Intl.ListFormat(formatLocale(), { style: 'long', type: 'conjunction' })
  return (summary, voiceless, huiActive) => {
    const parts: string[] = []
    if (summary.positions.length === 0) parts.push(t(huiActive ? 'why.nobodyPresent' : 'why.nobodySpeaks'))
    else if (summary.objecting.length > 0)
      parts.push(t('why.objected', { partners: list.format(summary.objecting.map(name)), count: summary.objecting.length }))
    else if (summary.notYet.length > 0) parts.push(t('why.waiting', { partners: list.format(summary.notYet.map(name)) }))
    for (const reason of ['nobodySpeaks', 'absent'] as const) {
      const partners = voiceless.filter((entry) => entry.reason === reason).map((entry) => name(entry.partner))
      if (partners.length > 0) parts.push(t(`why.voiceless.${reason}`, { partners: list.format(partners), count: partners.length }))
    }
    return parts.join(' ')
  }
}

/** The agreement state as a badge in words, with a mark. */
export function AgreementStateBadge({ state }: { state: AgreementState }) {
  const { t } = useTranslation('agreement')
  return (
    <span className={`agreement-state agreement-state-${state}`}>
      <span aria-hidden="true" className="agreement-state-mark">
        {STATE_MARKS[state]}
      </span>{' '}
      <span className="visually-hidden">{t('state.label')}: </span>
      {t(`state.${state}`)}
    </span>
  )
}

/**
 * Where agreement on an item stands, on one line that wraps: the state badge, who agrees,
 * objects or has not yet, the hui mark ("Agreed at hui, 12 March 2026") and, when the item
 * changed since, a badge saying so. `data-state` / `data-changed` for styles and tests.
 */
export function AgreementGlance({ summary, mark, changed }: { summary: AgreementSummary; mark: AgreedMark | null; changed: boolean }) {
  const { t } = useTranslation('agreement')
  const text = useGlanceText()
  return (
    <div className="agreement-summary" data-state={summary.state} data-changed={changed ? 'true' : undefined}>
      <AgreementStateBadge state={summary.state} /> <span className="agreement-glance-text">{text(summary)}</span>
      {mark && ' · '}
      {mark && (
        <span className="agreement-mark">
          <span aria-hidden="true">✓ </span>
          {mark.label}
        </span>
      )}
      {changed && ' '}
      {changed && (
        <span className="agreement-changed">
          <span aria-hidden="true">! </span>
          {t('changedSinceAgreed')}
        </span>
      )}
    </div>
  )
}

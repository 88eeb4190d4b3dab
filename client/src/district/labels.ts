import { useTranslation } from 'react-i18next'
import type { Affiliation } from '@hononga/shared'
import { partnerName } from '../agreement/partnerNames'
import { isKeyIn } from '../i18n/keys'

/**
 * An engagement level's name (issue 13 §4: inform … empower) in the reader's language; a
 * level this client does not know yet is shown as the server wrote it, none as "Not set".
 */
export function useEngagementLabel(): (level: string | null) => string {
  const { t } = useTranslation('district')
  return (level) => {
    if (level === null || level === '') return t('engagement.none')
    const key = `engagement.${level}`
    return isKeyIn('district', key) ? t(key) : level
  }
}

/** A partner named as the rest of the client names it: its organisation, or its affiliation's name. */
export function usePartnerName(): (partner: { affiliation: Affiliation; organisation: string | null }) => string {
  const { t } = useTranslation('common')
  return (partner) => partnerName(partner, (affiliation) => t(`affiliations.${affiliation}`))
}

import type { Affiliation, Role } from '@hononga/shared'
import { useTranslation } from 'react-i18next'

/** A partner's affiliation (iwi, agency, police, community), with an optional organisation. */
export function AffiliationBadge({ affiliation, organisation }: { affiliation: Affiliation; organisation?: string | null }) {
  const { t } = useTranslation()
  return (
    <span className={`badge badge-${affiliation}`}>
      {t(`affiliations.${affiliation}`)}
      {organisation ? ` · ${organisation}` : ''}
    </span>
  )
}

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation()
  return <span className="badge badge-role">{t(`roles.${role}`)}</span>
}

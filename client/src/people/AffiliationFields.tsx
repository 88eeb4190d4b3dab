import { AFFILIATIONS, type Affiliation } from '@hononga/shared'
import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { SelectField, TextField } from '../ui/Field'

/** The longest organisation the server takes. */
const ORGANISATION_MAX = 200

/**
 * Whom a person speaks for, typed out: their affiliation (iwi, agency, Police, community) and
 * their organisation. The one pair of fields of every form that says it: a new plan (for its
 * creator), an invite and a member (through `PartnerFields`, when no existing partner fits).
 */
export function AffiliationFields({
  idPrefix,
  labels,
  autoComplete,
  affiliation,
  organisation,
  onAffiliationChange,
  onOrganisationChange,
}: {
  idPrefix?: string
  labels: { affiliation: ReactNode; affiliationHint?: ReactNode; organisation: ReactNode; organisationHint: ReactNode }
  /** `organization` when the form asks about the person filling it in. */
  autoComplete?: 'organization'
  affiliation: Affiliation
  organisation: string
  onAffiliationChange: (affiliation: Affiliation) => void
  onOrganisationChange: (organisation: string) => void
}) {
  const { t } = useTranslation('common')
  const generated = useId()
  const prefix = idPrefix ?? generated
  return (
    <>
      <SelectField
        id={`${prefix}-affiliation`}
        label={labels.affiliation}
        hint={labels.affiliationHint}
        value={affiliation}
        onChange={(event) => onAffiliationChange(event.target.value as Affiliation)}
      >
        {AFFILIATIONS.map((value) => (
          <option key={value} value={value}>
            {t(`affiliations.${value}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        id={`${prefix}-organisation`}
        label={labels.organisation}
        hint={labels.organisationHint}
        autoComplete={autoComplete}
        maxLength={ORGANISATION_MAX}
        value={organisation}
        onChange={(event) => onOrganisationChange(event.target.value)}
      />
    </>
  )
}

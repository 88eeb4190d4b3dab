import { partnerKey, type Affiliation, type Partner } from '@hononga/shared'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, api } from '../api/client'
import { T } from '../i18n/T'
import { Button } from '../ui/Button'
import { SelectField } from '../ui/Field'
import { AffiliationFields } from './AffiliationFields'

/** The select's value for "Another partner…" (partner keys always hold a colon, so never this). */
const ANOTHER_PARTNER = 'another'

/**
 * The plan's partners, loaded once and on `reload`; an empty list while loading or when they
 * could not be loaded (the form then asks for affiliation and organisation as before).
 */
export function usePlanPartners(planId: string): { partners: Partner[]; loaded: boolean; reload: () => void } {
  const [state, setState] = useState<{ partners: Partner[]; loaded: boolean }>({ partners: [], loaded: false })
  const reload = useCallback(() => {
    api.partners(planId).then(
      (partners) => setState({ partners, loaded: true }),
      () => setState((previous) => ({ ...previous, loaded: true })),
    )
  }, [planId])
  useEffect(reload, [reload])
  return { ...state, reload }
}

/** The server's message when it refused a lookalike of an existing partner (409 `conflict`), else null. */
function partnerConflictMessage(error: unknown): string | null {
  return error instanceof ApiError && error.status === 409 && error.code === 'conflict' ? error.message : null
}

/**
 * Whom a person speaks for: one of the plan's partners, or "Another partner…", which reveals
 * the affiliation and organisation inputs. Choosing a partner fills both, spelt as the plan has
 * it, so "Ngāti Awa" and "Ngati Awa" do not become two partners.
 */
export function PartnerFields({
  idPrefix,
  scope,
  partners,
  affiliation,
  organisation,
  onChange,
}: {
  idPrefix: string
  /** Which form's labels to use (`people:invite.*` or `people:members.*`). */
  scope: 'invite' | 'members'
  partners: readonly Partner[]
  affiliation: Affiliation
  organisation: string
  onChange: (affiliation: Affiliation, organisation: string) => void
}) {
  const { t } = useTranslation(['people', 'common'])
  const [typingNew, setTypingNew] = useState(false)
  const current = partnerKey(affiliation, organisation)
  const chosen = typingNew ? undefined : partners.find((partner) => partner.key === current)
  const choice = chosen?.key ?? ANOTHER_PARTNER

  function handleChoose(value: string) {
    const partner = partners.find((candidate) => candidate.key === value)
    setTypingNew(!partner)
    if (partner) onChange(partner.affiliation, partner.organisation ?? '')
    else onChange(affiliation, '')
  }

  return (
    <>
      {partners.length > 0 && (
        <SelectField
          id={`${idPrefix}-partner`}
          label={<T k="people:partners.choose" />}
          hint={<T k="people:partners.chooseHint" />}
          value={choice}
          onChange={(event) => handleChoose(event.target.value)}
        >
          {partners.map((partner) => (
            <option key={partner.key} value={partner.key}>
              {partner.organisation
                ? t('partners.option', { organisation: partner.organisation, affiliation: t(`common:affiliations.${partner.affiliation}`) })
                : t(`common:affiliations.${partner.affiliation}`)}
            </option>
          ))}
          <option value={ANOTHER_PARTNER}>{t('partners.another')}</option>
        </SelectField>
      )}
      {choice === ANOTHER_PARTNER && (
        <AffiliationFields
          idPrefix={idPrefix}
          labels={{
            affiliation: <T k={`people:${scope}.affiliation`} />,
            organisation: <T k={`people:${scope}.organisation`} />,
            organisationHint: <T k={`people:${scope}.organisationHint`} />,
          }}
          affiliation={affiliation}
          organisation={organisation}
          onAffiliationChange={(next) => {
            setTypingNew(true)
            onChange(next, organisation)
          }}
          onOrganisationChange={(next) => {
            // Typing never jumps to a partner of the same spelling: the input would vanish mid-word.
            setTypingNew(true)
            onChange(affiliation, next)
          }}
        />
      )}
    </>
  )
}

/** What a form that gives a partner keeps: the affiliation and organisation chosen, and the server's refusal of a lookalike. */
export interface PartnerChoice {
  affiliation: Affiliation
  organisation: string
  /** The server's message when it refused a lookalike of an existing partner, else null. */
  conflict: string | null
  /** The person chose a partner (or typed one): any refusal no longer applies. */
  choose(affiliation: Affiliation, organisation: string): void
  /** Suggests a partner (a default): kept only until the person chooses one. */
  suggest(affiliation: Affiliation, organisation: string): void
  /** After a send: shows a lookalike refusal, hands any other error to `onFailed`. */
  refused(error: unknown, onFailed: (error: unknown) => void): void
  clearConflict(): void
}

/** The partner state of the invite and member forms (see `PartnerChoice`); its functions keep their identity. */
export function usePartnerChoice(initialAffiliation: Affiliation, initialOrganisation: string): PartnerChoice {
  const [partner, setPartner] = useState({ affiliation: initialAffiliation, organisation: initialOrganisation })
  const [conflict, setConflict] = useState<string | null>(null)
  const chosen = useRef(false)
  const suggest = useCallback((affiliation: Affiliation, organisation: string) => {
    if (!chosen.current) setPartner({ affiliation, organisation })
  }, [])
  const choose = useCallback((affiliation: Affiliation, organisation: string) => {
    chosen.current = true
    setConflict(null)
    setPartner({ affiliation, organisation })
  }, [])
  const refused = useCallback((error: unknown, onFailed: (error: unknown) => void) => {
    const message = partnerConflictMessage(error)
    if (message === null) onFailed(error)
    setConflict(message)
  }, [])
  const clearConflict = useCallback(() => setConflict(null), [])
  return { ...partner, conflict, choose, suggest, refused, clearConflict }
}

/**
 * The server's refusal of a lookalike partner, with a button to confirm that it really is a
 * new partner (the form then resends with `newPartner: true`).
 */
export function PartnerConflict({ message, busy, onConfirm }: { message: string; busy: boolean; onConfirm: () => void }) {
  return (
    <div className="partner-conflict" role="alert">
      <p>{message}</p>
      <Button onClick={onConfirm} disabled={busy}>
        <T k="people:partners.confirmNew" />
      </Button>
    </div>
  )
}

import { looselyMatchingPartner, partnerKey, ROLES, type JoinRequest, type Partner, type Role } from '@hononga/shared'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, api } from '../api/client'
import { PartnerConflict, PartnerFields, usePartnerChoice } from '../people/PartnerFields'
import { Button } from '../ui/Button'
import { CheckboxField, SelectField } from '../ui/Field'
import { Notice } from '../ui/Notice'

/**
 * The partner to offer first for a person asking to join: the plan's partner they named (or one
 * spelt like it), else what they named, else the plan's first partner.
 */
function suggestedPartner(
  request: JoinRequest,
  partners: readonly Partner[],
): { affiliation: Partner['affiliation']; organisation: string } | null {
  if (request.affiliation !== null || request.organisation !== null) {
    const affiliation = request.affiliation ?? 'community'
    const key = partnerKey(affiliation, request.organisation)
    const known = partners.find((partner) => partner.key === key) ?? looselyMatchingPartner(partners, affiliation, request.organisation)
    return known
      ? { affiliation: known.affiliation, organisation: known.organisation ?? '' }
      : { affiliation, organisation: request.organisation ?? '' }
  }
  const [first] = partners
  return first ? { affiliation: first.affiliation, organisation: first.organisation ?? '' } : null
}

/**
 * One person asking to join: who they are and whom they say they speak for, the partner and role
 * to give them (preselected), and "Admit" or "Decline". `onDone` gets the words to announce.
 */
export function JoinRequestItem({
  planId,
  request,
  partners,
  onDone,
}: {
  planId: string
  request: JoinRequest
  partners: readonly Partner[]
  onDone: (announcement: string) => void
}) {
  const { t } = useTranslation(['hui', 'common', 'people'])
  const [role, setRole] = useState<Role>('editor')
  const [speaksFor, setSpeaksFor] = useState(true)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const partner = usePartnerChoice(request.affiliation ?? 'community', request.organisation ?? '')
  const { suggest } = partner
  const idPrefix = `join-${request.id}`

  useEffect(() => {
    const suggestion = suggestedPartner(request, partners)
    if (suggestion) suggest(suggestion.affiliation, suggestion.organisation)
  }, [request, partners, suggest])

  const failed = (error: unknown) =>
    setProblem(t('joinCode.actionFailed', { message: error instanceof ApiError ? error.message : String(error) }))

  async function admit(newPartner: boolean) {
    setBusy(true)
    setProblem(null)
    try {
      const organisation = partner.organisation.normalize('NFC').trim()
      await api.admitJoinRequest(planId, request.id, {
        role,
        affiliation: partner.affiliation,
        ...(organisation ? { organisation } : {}),
        speaksFor,
        ...(newPartner ? { newPartner } : {}),
      })
      partner.clearConflict()
      onDone(t('joinCode.admitted', { name: request.name, role: t(`common:roles.${role}`) }))
    } catch (error) {
      partner.refused(error, failed)
      setBusy(false)
    }
  }

  async function decline() {
    setBusy(true)
    setProblem(null)
    try {
      await api.declineJoinRequest(planId, request.id)
      onDone(t('joinCode.declined', { name: request.name }))
    } catch (error) {
      failed(error)
      setBusy(false)
    }
  }

  const stated =
    request.affiliation !== null || request.organisation !== null
      ? t('joinCode.stated', {
          partner: [request.organisation, request.affiliation ? `(${t(`common:affiliations.${request.affiliation}`)})` : null]
            .filter(Boolean)
            .join(' '),
        })
      : t('joinCode.notStated')

  return (
    <li className="join-request" aria-labelledby={`${idPrefix}-name`}>
      <p className="join-request-who">
        <strong id={`${idPrefix}-name`}>{request.name}</strong> <span className="join-request-email">{request.email}</span>
      </p>
      <p className="field-hint">{stated}</p>
      <div className="join-request-fields">
        <PartnerFields
          idPrefix={idPrefix}
          scope="invite"
          partners={partners}
          affiliation={partner.affiliation}
          organisation={partner.organisation}
          onChange={partner.choose}
        />
        <SelectField
          id={`${idPrefix}-role`}
          label={t('joinCode.role')}
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
        >
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {t(`common:roles.${value}`)}
            </option>
          ))}
        </SelectField>
        <CheckboxField label={t('joinCode.speaksFor')} checked={speaksFor} onChange={(event) => setSpeaksFor(event.target.checked)} />
      </div>
      {problem && <Notice kind="error">{problem}</Notice>}
      {partner.conflict && <PartnerConflict message={partner.conflict} busy={busy} onConfirm={() => void admit(true)} />}
      <div className="join-request-actions">
        <Button variant="primary" disabled={busy} onClick={() => void admit(false)}>
          {t('joinCode.admit', { name: request.name })}
        </Button>
        <Button disabled={busy} onClick={() => void decline()}>
          {t('joinCode.decline', { name: request.name })}
        </Button>
      </div>
    </li>
  )
}

import { ROLES, type Member, type Role, type UpdateMemberBody } from '@hononga/shared'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import { T } from '../i18n/T'
import { Button } from '../ui/Button'
import { CheckboxField, SelectField } from '../ui/Field'
import { PartnerConflict, PartnerFields, usePartnerChoice, usePlanPartners } from './PartnerFields'

/**
 * A facilitator changes one member's role, affiliation, organisation and whether they speak
 * for their partner (their partner chosen from the plan's, or another; a lookalike of an
 * existing partner needs confirming). The role of the
 * plan's only facilitator cannot change (the server would refuse): the select is disabled
 * and says why.
 */
export function MemberEditForm({
  planId,
  member,
  isMe,
  onlyFacilitator,
  onSaved,
  onFailed,
  onCancel,
}: {
  planId: string
  member: Member
  isMe: boolean
  onlyFacilitator: boolean
  onSaved: () => void
  onFailed: (error: unknown) => void
  onCancel: () => void
}) {
  const { t } = useTranslation(['people', 'common'])
  const [role, setRole] = useState<Role>(member.role)
  const partner = usePartnerChoice(member.affiliation, member.organisation ?? '')
  const [speaksFor, setSpeaksFor] = useState(member.speaksFor !== false)
  const [busy, setBusy] = useState(false)
  const { partners } = usePlanPartners(planId)
  const idPrefix = `member-${member.userId}`

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    await submit(false)
  }

  async function submit(newPartner: boolean) {
    const organisationText = partner.organisation.normalize('NFC').trim()
    const body: UpdateMemberBody = {}
    if (role !== member.role) body.role = role
    if (partner.affiliation !== member.affiliation) body.affiliation = partner.affiliation
    if (organisationText !== (member.organisation ?? '')) body.organisation = organisationText || null
    if (speaksFor !== (member.speaksFor !== false)) body.speaksFor = speaksFor
    if (Object.keys(body).length === 0) {
      onCancel()
      return
    }
    if (newPartner) body.newPartner = true
    setBusy(true)
    try {
      await api.updateMember(planId, member.userId, body)
      onSaved()
    } catch (error) {
      setBusy(false)
      partner.refused(error, onFailed)
    }
  }

  return (
    <form
      className="member-edit"
      aria-label={t('members.editFormLabel', { name: member.name })}
      noValidate
      onSubmit={(event) => void handleSubmit(event)}
    >
      <SelectField
        id={`${idPrefix}-role`}
        label={<T k="people:members.role" />}
        hint={
          onlyFacilitator ? (
            <T k={isMe ? 'people:members.lastFacilitatorYou' : 'people:members.lastFacilitator'} values={{ name: member.name }} />
          ) : (
            <T k={`people:roleHelp.${role}`} />
          )
        }
        disabled={onlyFacilitator}
        value={role}
        onChange={(event) => setRole(event.target.value as Role)}
      >
        {ROLES.map((value) => (
          <option key={value} value={value}>
            {t(`common:roles.${value}`)}
          </option>
        ))}
      </SelectField>
      {isMe && member.role === 'facilitator' && role !== 'facilitator' && (
        <p className="member-warning">
          <T k="people:members.demoteSelf" />
        </p>
      )}
      <PartnerFields
        idPrefix={idPrefix}
        scope="members"
        partners={partners}
        affiliation={partner.affiliation}
        organisation={partner.organisation}
        onChange={partner.choose}
      />
      <CheckboxField
        id={`${idPrefix}-speaks-for`}
        label={<T k="people:members.speaksFor" />}
        hint={<T k="people:members.speaksForHint" />}
        checked={speaksFor}
        onChange={(event) => setSpeaksFor(event.target.checked)}
      />
      {partner.conflict && <PartnerConflict message={partner.conflict} busy={busy} onConfirm={() => void submit(true)} />}
      <div className="item-actions">
        <Button type="submit" variant="primary" disabled={busy}>
          <T k="common:actions.save" />
        </Button>
        <Button onClick={onCancel}>
          <T k="common:actions.cancel" />
        </Button>
      </div>
    </form>
  )
}

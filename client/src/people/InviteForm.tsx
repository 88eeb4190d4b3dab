import { MAX_INVITE_HOURS, ROLES, type Invite, type Role } from '@hononga/shared'
import { useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import { T } from '../i18n/T'
import { Button } from '../ui/Button'
import { useSession } from '../session/SessionContext'
import { CheckboxField, SelectField, TextField } from '../ui/Field'
import { PartnerConflict, PartnerFields, usePartnerChoice, usePlanPartners } from './PartnerFields'

const MIN_DAYS = 1
const MAX_DAYS = MAX_INVITE_HOURS / 24
const DEFAULT_DAYS = 7
const MAX_USES = 1000

/** A whole number from `min` to `max`, or null. */
function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null
  const value = Number(text)
  return value >= min && value <= max ? value : null
}

/** Roughly an email address (the server checks it properly). */
const looksLikeEmail = (text: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)

/**
 * "Invite people": the role, the partner (one of the plan's, or another: affiliation and
 * organisation) the invite gives, whether its
 * people speak for their partner (record its position; on by default), how long it works
 * and how many may use it; when the server sends mail, an optional address to email the link to.
 * Creates the invite and hands it to `onCreated`. When the server
 * refuses a lookalike of an existing partner, shows why and offers to confirm a new partner.
 */
export function InviteForm({
  planId,
  headingId,
  onCreated,
  onFailed,
}: {
  planId: string
  headingId: string
  onCreated: (invite: Invite) => void
  onFailed: (error: unknown) => void
}) {
  const { t } = useTranslation(['people', 'common'])
  const ids = useId()
  const [role, setRole] = useState<Role>('editor')
  const partner = usePartnerChoice('iwi', '')
  const [speaksFor, setSpeaksFor] = useState(true)
  const [days, setDays] = useState(String(DEFAULT_DAYS))
  const [maxUses, setMaxUses] = useState('')
  const [email, setEmail] = useState('')
  const [problems, setProblems] = useState<{ days?: boolean; maxUses?: boolean; email?: boolean }>({})
  const mailEnabled = useSession().me?.mailEnabled === true
  const [busy, setBusy] = useState(false)
  const { partners, reload: reloadPartners } = usePlanPartners(planId)
  const { suggest } = partner

  // The plan's partners are the first choice: start on the first one until the facilitator picks.
  useEffect(() => {
    const [first] = partners
    if (first) suggest(first.affiliation, first.organisation ?? '')
  }, [partners, suggest])

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    await submit(false)
  }

  async function submit(newPartner: boolean) {
    const validDays = wholeNumber(days, MIN_DAYS, MAX_DAYS)
    const validUses = maxUses.trim() === '' ? undefined : wholeNumber(maxUses, 1, MAX_USES)
    const emailText = mailEnabled ? email.trim() : ''
    const found = { days: validDays === null, maxUses: validUses === null, email: emailText !== '' && !looksLikeEmail(emailText) }
    setProblems(found)
    if (found.days || found.maxUses || found.email) {
      document.getElementById(found.days ? `${ids}-days` : found.maxUses ? `${ids}-uses` : `${ids}-email`)?.focus()
      return
    }
    setBusy(true)
    try {
      const organisationText = partner.organisation.normalize('NFC').trim()
      const invite = await api.createInvite(planId, {
        role,
        affiliation: partner.affiliation,
        ...(organisationText ? { organisation: organisationText } : {}),
        speaksFor,
        expiresInHours: validDays! * 24,
        ...(validUses ? { maxUses: validUses } : {}),
        ...(newPartner ? { newPartner } : {}),
        ...(emailText ? { email: emailText } : {}),
      })
      partner.clearConflict()
      setEmail('')
      onCreated(invite)
      reloadPartners()
    } catch (error) {
      partner.refused(error, onFailed)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="invite-form" aria-labelledby={headingId} noValidate onSubmit={(event) => void handleSubmit(event)}>
      <p>
        <T k="people:invite.intro" />
      </p>
      <div className="invite-form-grid">
        <SelectField
          label={<T k="people:invite.role" />}
          hint={<T k={`people:roleHelp.${role}`} />}
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
        >
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {t(`common:roles.${value}`)}
            </option>
          ))}
        </SelectField>
        <PartnerFields
          idPrefix={ids}
          scope="invite"
          partners={partners}
          affiliation={partner.affiliation}
          organisation={partner.organisation}
          onChange={partner.choose}
        />
        <CheckboxField
          label={<T k="people:invite.speaksFor" />}
          hint={<T k="people:invite.speaksForHint" />}
          checked={speaksFor}
          onChange={(event) => setSpeaksFor(event.target.checked)}
        />
        <TextField
          id={`${ids}-days`}
          label={<T k="people:invite.days" />}
          hint={<T k="people:invite.daysHint" values={{ min: MIN_DAYS, max: MAX_DAYS }} />}
          inputMode="numeric"
          required
          value={days}
          onChange={(event) => setDays(event.target.value)}
          error={problems.days ? <T k="people:invite.daysInvalid" values={{ min: MIN_DAYS, max: MAX_DAYS }} /> : undefined}
        />
        <TextField
          id={`${ids}-uses`}
          label={<T k="people:invite.maxUses" />}
          hint={<T k="people:invite.maxUsesHint" />}
          inputMode="numeric"
          value={maxUses}
          onChange={(event) => setMaxUses(event.target.value)}
          error={problems.maxUses ? <T k="people:invite.maxUsesInvalid" values={{ max: MAX_USES }} /> : undefined}
        />
        {mailEnabled && (
          <TextField
            id={`${ids}-email`}
            label={<T k="people:invite.email" />}
            hint={<T k="people:invite.emailHint" />}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={problems.email ? <T k="people:invite.emailInvalid" /> : undefined}
          />
        )}
      </div>
      {partner.conflict && <PartnerConflict message={partner.conflict} busy={busy} onConfirm={() => void submit(true)} />}
      <Button type="submit" variant="primary" disabled={busy}>
        <T k="people:invite.submit" />
      </Button>
    </form>
  )
}

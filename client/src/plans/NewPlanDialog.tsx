import { POLICE_DISTRICTS, type Affiliation } from '@hononga/shared'
import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'wouter'
import { api, ApiError, NetworkError } from '../api/client'
import { T } from '../i18n/T'
import { AffiliationFields } from '../people/AffiliationFields'
import { Button } from '../ui/Button'
import { Dialog } from '../ui/Dialog'
import { SelectField, TextField } from '../ui/Field'
import { Notice } from '../ui/Notice'
import type { ChosenTemplate } from './TemplateImportButton'

const TEXT_MAX = 200

/**
 * "New plan": opens a dialog whose form creates a plan and goes to it. With a `template`
 * (an exported plan chosen on the plan list) the plan starts with its content, under the
 * title, place and partner chosen here.
 */
export function NewPlanDialog({ open, onClose, template }: { open: boolean; onClose: () => void; template?: ChosenTemplate | null }) {
  return (
    <Dialog open={open} onClose={onClose} title={template ? <T k="plans:lifecycle.importTitle" /> : <T k="plans:create.title" />}>
      {/* Mounted only while open, so every opening starts with a fresh form. */}
      {open && <NewPlanForm onCancel={onClose} template={template ?? null} />}
    </Dialog>
  )
}

type Problem = 'title' | 'community'
const FIELD_IDS: Record<Problem, string> = { title: 'new-plan-title', community: 'new-plan-community' }

function NewPlanForm({ onCancel, template }: { onCancel: () => void; template: ChosenTemplate | null }) {
  const { t } = useTranslation('plans')
  const [, navigate] = useLocation()
  const defaultOrganisation = t('create.policeOrganisation')
  const [title, setTitle] = useState(template?.title ?? '')
  const [community, setCommunity] = useState(template?.community ?? '')
  const [district, setDistrict] = useState(template?.district ?? '')
  const [affiliation, setAffiliation] = useState<Affiliation>('police')
  const [organisation, setOrganisation] = useState(defaultOrganisation)
  const [organisationTouched, setOrganisationTouched] = useState(false)
  const [problems, setProblems] = useState<Problem[]>([])
  const [serverError, setServerError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  // Start in the title rather than on the close button. A frame later, because the dialog
  // opens (showModal) in its own effect, which runs after this child's.
  useEffect(() => {
    const frame = requestAnimationFrame(() => document.getElementById(FIELD_IDS.title)?.focus())
    return () => cancelAnimationFrame(frame)
  }, [])

  function handleAffiliationChange(next: Affiliation) {
    setAffiliation(next)
    // Suggest "New Zealand Police" for police only, and never overwrite what someone typed.
    if (!organisationTouched) setOrganisation(next === 'police' ? defaultOrganisation : '')
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const found: Problem[] = []
    if (!title.trim()) found.push('title')
    if (!community.trim()) found.push('community')
    setProblems(found)
    if (found.length > 0) {
      document.getElementById(FIELD_IDS[found[0]!])?.focus()
      return
    }
    setBusy(true)
    setServerError(null)
    try {
      const organisationText = organisation.normalize('NFC').trim()
      const body = {
        title: title.normalize('NFC').trim(),
        community: community.normalize('NFC').trim(),
        ...(district ? { district } : {}),
        affiliation,
        ...(organisationText ? { organisation: organisationText } : {}),
      }
      const plan = template ? await api.importPlan(template.exported, body) : await api.createPlan(body)
      navigate(`/plans/${encodeURIComponent(plan.id)}`)
    } catch (error) {
      setServerError(error)
      setBusy(false)
    }
  }

  return (
    <form className="new-plan-form" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <p>{template ? <T k="plans:lifecycle.importIntro" values={{ title: template.title }} /> : <T k="plans:create.intro" />}</p>
      {serverError !== null && (
        <Notice kind="error">
          {serverError instanceof NetworkError ? (
            <T k="common:status.networkError" />
          ) : (
            <T k="plans:create.failed" values={{ message: serverError instanceof ApiError ? serverError.message : String(serverError) }} />
          )}
        </Notice>
      )}
      <TextField
        id={FIELD_IDS.title}
        label={<T k="plans:create.planTitle" />}
        hint={<T k="plans:create.planTitleHint" />}
        required
        maxLength={TEXT_MAX}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={problems.includes('title') ? <T k="plans:create.titleRequired" /> : undefined}
      />
      <TextField
        id={FIELD_IDS.community}
        label={<T k="plans:create.community" />}
        hint={<T k="plans:create.communityHint" />}
        required
        maxLength={TEXT_MAX}
        value={community}
        onChange={(event) => setCommunity(event.target.value)}
        error={problems.includes('community') ? <T k="plans:create.communityRequired" /> : undefined}
      />
      <SelectField label={<T k="plans:create.district" />} value={district} onChange={(event) => setDistrict(event.target.value)}>
        <option value="">{t('create.districtNone')}</option>
        {(template?.district && !(POLICE_DISTRICTS as readonly string[]).includes(template.district)
          ? [template.district, ...POLICE_DISTRICTS]
          : POLICE_DISTRICTS
        ).map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </SelectField>
      <AffiliationFields
        labels={{
          affiliation: <T k="plans:create.affiliation" />,
          affiliationHint: <T k="plans:create.affiliationHint" />,
          organisation: <T k="plans:create.organisation" />,
          organisationHint: <T k="plans:create.organisationHint" />,
        }}
        autoComplete="organization"
        affiliation={affiliation}
        organisation={organisation}
        onAffiliationChange={handleAffiliationChange}
        onOrganisationChange={(next) => {
          setOrganisation(next)
          setOrganisationTouched(true)
        }}
      />
      <div className="form-actions">
        <Button onClick={onCancel}>
          <T k="common:actions.cancel" />
        </Button>
        <Button type="submit" variant="primary" disabled={busy}>
          {template ? <T k="plans:lifecycle.importSubmit" /> : <T k="plans:create.submit" />}
        </Button>
      </div>
    </form>
  )
}

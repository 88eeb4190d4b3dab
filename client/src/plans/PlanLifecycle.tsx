import { canFacilitate, POLICE_DISTRICTS, type PlanSummary } from '@hononga/shared'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api, ApiError, exportUrls, NetworkError } from '../api/client'
import { useDateFormat } from '../i18n/dates'
import { Button } from '../ui/Button'
import { Dialog } from '../ui/Dialog'
import { SelectField, TextField } from '../ui/Field'
import { Notice } from '../ui/Notice'
import './plans.css'

/** Nobody may change the plan: it is archived, or deleted and waiting to be removed. */
export function isPlanLocked(plan: Pick<PlanSummary, 'archivedAt' | 'deletedAt'>): boolean {
  return Boolean(plan.archivedAt) || Boolean(plan.deletedAt)
}

/** A failed lifecycle request, in words. */
function useFailure() {
  const { t } = useTranslation('plans')
  const { t: tc } = useTranslation('common')
  return (error: unknown) =>
    error instanceof NetworkError
      ? tc('status.networkError')
      : t('lifecycle.failed', { message: error instanceof ApiError ? error.message : String(error) })
}

/**
 * Tells every member when a plan is archived or deleted: for a deletion, the date its
 * content goes, the downloads to keep (the whole plan, the partner's own contributions),
 * and for facilitators the way back (restore, undo).
 */
export function PlanLifecycleNotice({ planId, plan, onChanged }: { planId: string; plan: PlanSummary; onChanged: () => void }) {
  const { t } = useTranslation('plans')
  const format = useDateFormat()
  const describe = useFailure()
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const facilitator = canFacilitate(plan.role)
  if (!isPlanLocked(plan)) return null

  async function run(change: () => Promise<unknown>) {
    setBusy(true)
    setProblem(null)
    try {
      await change()
      onChanged()
    } catch (error) {
      setProblem(describe(error))
    } finally {
      setBusy(false)
    }
  }

  const urls = exportUrls(planId)
  return (
    <div className="plan-lifecycle-notice" data-testid="plan-lifecycle-notice">
      {problem && <Notice kind="error">{problem}</Notice>}
      {plan.deletedAt ? (
        <Notice kind="warning">
          <p>{t('lifecycle.deleted', { date: plan.purgeAt ? format.date(plan.purgeAt) : '' })}</p>
          <p>{t('lifecycle.deletedDownload')}</p>
          <ul>
            <li>
              <a href={urls.json} download>
                {t('lifecycle.downloadPlan')}
              </a>
            </li>
            <li>
              <a href={urls.contributions} download>
                {t('lifecycle.downloadContributions')}
              </a>
            </li>
          </ul>
          {facilitator && (
            <Button disabled={busy} onClick={() => void run(() => api.undoDeletePlan(planId))}>
              {t('lifecycle.undoDelete')}
            </Button>
          )}
        </Notice>
      ) : (
        <Notice kind="info">
          <p>{t('lifecycle.archived')}</p>
          {facilitator && (
            <Button disabled={busy} onClick={() => void run(() => api.restorePlan(planId))}>
              {t('lifecycle.restore')}
            </Button>
          )}
        </Notice>
      )}
    </div>
  )
}

/** The plan's heading as everyone sees it now (from the document). */
export interface PlanHeading {
  title: string
  community: string
  district: string | null
}

/** "Plan settings" for facilitators: rename and re-describe, archive, delete. */
export function PlanSettingsButton({
  planId,
  plan,
  heading,
  onChanged,
}: {
  planId: string
  plan: PlanSummary
  heading: PlanHeading
  onChanged: () => void
}) {
  const { t } = useTranslation('plans')
  const [open, setOpen] = useState(false)
  if (!canFacilitate(plan.role)) return null
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        {t('lifecycle.settings')}
      </button>
      <Dialog open={open} title={t('lifecycle.settingsTitle')} onClose={() => setOpen(false)}>
        {open && (
          <PlanSettings
            planId={planId}
            plan={plan}
            heading={heading}
            onChanged={onChanged}
            onDone={() => {
              setOpen(false)
              onChanged()
            }}
          />
        )}
      </Dialog>
    </>
  )
}

function PlanSettings({
  planId,
  plan,
  heading,
  onChanged,
  onDone,
}: {
  planId: string
  plan: PlanSummary
  heading: PlanHeading
  onChanged: () => void
  onDone: () => void
}) {
  const { t } = useTranslation('plans')
  const ids = useId()
  const describe = useFailure()
  const [title, setTitle] = useState(heading.title)
  const [community, setCommunity] = useState(heading.community)
  const [district, setDistrict] = useState(heading.district ?? '')
  const [confirm, setConfirm] = useState('')
  const [mismatch, setMismatch] = useState(false)
  const [status, setStatus] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const locked = isPlanLocked(plan)

  async function run(change: () => Promise<unknown>, after: () => void) {
    setBusy(true)
    setProblem(null)
    setStatus(null)
    try {
      await change()
      after()
    } catch (error) {
      setProblem(describe(error))
    } finally {
      setBusy(false)
    }
  }

  function handleRename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    void run(
      () => api.updatePlan(planId, { title: title.normalize('NFC').trim(), community: community.normalize('NFC').trim(), district }),
      () => {
        setStatus(t('lifecycle.saved'))
        onChanged()
      },
    )
  }

  function handleDelete(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const typed = confirm.normalize('NFC').trim()
    if (typed === '' || typed !== heading.title.normalize('NFC').trim()) {
      setMismatch(true)
      document.getElementById(`${ids}-confirm`)?.focus()
      return
    }
    setMismatch(false)
    void run(() => api.deletePlan(planId, typed), onDone)
  }

  const known: readonly string[] = POLICE_DISTRICTS
  // A district set before the list changed stays choosable.
  const districts = district && !known.includes(district) ? [district, ...known] : known
  return (
    <div className="plan-settings">
      <p role="status" className={status ? 'notice notice-success' : 'visually-hidden'}>
        {status}
      </p>
      {problem && <Notice kind="error">{problem}</Notice>}
      {locked ? (
        <PlanLifecycleNotice planId={planId} plan={plan} onChanged={onDone} />
      ) : (
        <>
          <section aria-labelledby={`${ids}-rename`}>
            <h3 id={`${ids}-rename`}>{t('lifecycle.renameHeading')}</h3>
            <form noValidate onSubmit={handleRename}>
              <TextField label={t('create.planTitle')} required maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />
              <TextField
                label={t('create.community')}
                required
                maxLength={200}
                value={community}
                onChange={(e) => setCommunity(e.target.value)}
              />
              <SelectField label={t('create.district')} value={district} onChange={(e) => setDistrict(e.target.value)}>
                <option value="">{t('create.districtNone')}</option>
                {districts.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </SelectField>
              <Button type="submit" variant="primary" disabled={busy || !title.trim() || !community.trim()}>
                {t('lifecycle.save')}
              </Button>
            </form>
          </section>
          <section aria-labelledby={`${ids}-archive`}>
            <h3 id={`${ids}-archive`}>{t('lifecycle.archiveHeading')}</h3>
            <p>{t('lifecycle.archiveBody')}</p>
            <Button disabled={busy} onClick={() => void run(() => api.archivePlan(planId), onDone)}>
              {t('lifecycle.archive')}
            </Button>
          </section>
        </>
      )}
      {!plan.deletedAt && (
        <section aria-labelledby={`${ids}-delete`}>
          <h3 id={`${ids}-delete`}>{t('lifecycle.deleteHeading')}</h3>
          <p>{t('lifecycle.deleteBody')}</p>
          <form noValidate onSubmit={handleDelete}>
            <TextField
              id={`${ids}-confirm`}
              label={t('lifecycle.confirmTitle', { title: heading.title })}
              autoComplete="off"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              error={mismatch ? t('lifecycle.confirmMismatch') : undefined}
            />
            <Button type="submit" variant="danger" disabled={busy}>
              {t('lifecycle.delete')}
            </Button>
          </form>
        </section>
      )}
    </div>
  )
}

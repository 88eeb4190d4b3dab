import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ACCESS_KINDS, partnersOf, type AccessEntry, type AccessKind, type PlanDetail } from '@hononga/shared'
import { partnerName } from '../agreement/partnerNames'
import { accessLogCsvUrl, api, ApiError } from '../api/client'
import { useDateFormat } from '../i18n/dates'
import { Button } from '../ui/Button'
import { Dialog } from '../ui/Dialog'
import { SelectField } from '../ui/Field'
import { Notice } from '../ui/Notice'
import { KIND_KEYS, mergePage, whatSentence } from './accessLog'
import './access.css'

/** Entries asked for per page: a day of a busy plan, short enough for a phone on a patchy link. */
const PAGE_SIZE = 50

/**
 * "Who has accessed this plan" in the workspace's secondary tools: a button and the dialog
 * holding {@link AccessLogPanel}. Every member sees it, whatever their role: the log is the
 * partners' to read.
 */
export function AccessLogButton({ planId, plan }: { planId: string; plan: Pick<PlanDetail, 'members'> }) {
  const { t } = useTranslation('access')
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        {t('open')}
      </button>
      <Dialog open={open} title={t('title')} onClose={() => setOpen(false)}>
        {open && <AccessLogPanel planId={planId} plan={plan} />}
      </Dialog>
    </>
  )
}

/**
 * The plan's access log as the server recorded it (issue 13): when, who, for which partner and
 * what, newest first, narrowed by partner and kind, a page at a time, and the same selection
 * as a CSV download. Read-only: nobody can change the log, here or on the server.
 */
export function AccessLogPanel({ planId, plan }: { planId: string; plan: Pick<PlanDetail, 'members'> }) {
  const { t } = useTranslation('access')
  const { t: tc } = useTranslation('common')
  const format = useDateFormat()
  const [partner, setPartner] = useState('')
  const [kind, setKind] = useState<AccessKind | ''>('')
  const [entries, setEntries] = useState<AccessEntry[] | null>(null)
  const [nextBefore, setNextBefore] = useState<number | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  /** The newest request: an answer to an older one (the filters changed meanwhile) is dropped. */
  const latest = useRef(0)
  /** The first entry of the page just added by "Load more", to move focus to. */
  const [focusId, setFocusId] = useState<number | null>(null)
  const list = useRef<HTMLOListElement>(null)
  const csvHintId = useId()
  const partners = partnersOf(plan.members)
  const affiliationName = (affiliation: AccessEntry['partner']['affiliation']) => tc(`affiliations.${affiliation}`)

  const load = useCallback(
    async (before: number | null) => {
      const request = ++latest.current
      setLoading(true)
      try {
        const page = await api.accessLog(planId, {
          ...(partner ? { partner } : {}),
          ...(kind ? { kind } : {}),
          ...(before !== null ? { before } : {}),
          limit: PAGE_SIZE,
        })
        if (request !== latest.current) return
        setEntries((shown) => mergePage(shown ?? [], page.entries, before !== null))
        setNextBefore(page.nextBefore)
        setFocusId(before !== null ? (page.entries[0]?.id ?? null) : null)
        setError(null)
      } catch (err) {
        if (request !== latest.current) return
        setError(err instanceof ApiError ? err.message : tc('status.networkError'))
      } finally {
        if (request === latest.current) setLoading(false)
      }
    },
    [planId, partner, kind, tc],
  )
  useEffect(() => {
    void load(null)
  }, [load])

  // After "Load more", focus goes to the first entry it added: the button may be gone (no more
  // pages), and a keyboard or screen reader user carries on reading where the new entries start.
  useEffect(() => {
    if (focusId === null) return
    list.current?.querySelector<HTMLElement>(`[data-entry="${focusId}"]`)?.focus()
  }, [focusId])

  const filtered = partner !== '' || kind !== ''
  return (
    <div className="access-log">
      <p className="access-about">{t('about')}</p>
      <div className="access-filters">
        <SelectField label={t('filters.partner')} value={partner} onChange={(event) => setPartner(event.target.value)}>
          <option value="">{t('filters.allPartners')}</option>
          {partners.map((p) => (
            <option key={p.key} value={p.key}>
              {partnerName(p, affiliationName)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('filters.kind')}
          value={kind}
          onChange={(event) =>
            setKind((ACCESS_KINDS as readonly string[]).includes(event.target.value) ? (event.target.value as AccessKind) : '')
          }
        >
          <option value="">{t('filters.allKinds')}</option>
          {ACCESS_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${KIND_KEYS[k]}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <p className="access-csv">
        <a
          href={accessLogCsvUrl(planId, { ...(partner ? { partner } : {}), ...(kind ? { kind } : {}) })}
          download
          aria-describedby={csvHintId}
        >
          {t('csv')}
        </a>{' '}
        <span id={csvHintId} className="access-hint">
          {t('csvHint')}
        </span>
      </p>
      {error && <Notice kind="error">{error}</Notice>}
      {/* Polite: says how many entries the filters left, without moving focus off the filter. */}
      <p role="status" className="access-count">
        {entries === null
          ? loading && tc('status.loading')
          : entries.length === 0
            ? filtered
              ? t('noneMatching')
              : t('none')
            : t('shown', { count: entries.length })}
      </p>
      {entries && entries.length > 0 && (
        <ol ref={list} className="access-list" aria-label={t('listLabel')}>
          {entries.map((entry) => {
            const what = whatSentence(entry)
            return (
              <li key={entry.id} className="access-entry" data-entry={entry.id} tabIndex={entry.id === focusId ? -1 : undefined}>
                <p className="access-what">
                  <strong>{entry.person?.name ?? t('removedPerson')}</strong>
                  {' · '}
                  <span className="access-partner">{partnerName(entry.partner, affiliationName)}</span>
                </p>
                <p className="access-did">{'label' in what ? t(what.key, { label: what.label }) : t(what.key)}</p>
                <p className="access-when">
                  <time dateTime={entry.at} lang={format.dateLang}>
                    {format.dateTime(entry.at)}
                  </time>
                </p>
              </li>
            )
          })}
        </ol>
      )}
      {entries && nextBefore !== null && (
        <Button onClick={() => void load(nextBefore)} disabled={loading}>
          {t('more')}
        </Button>
      )}
    </div>
  )
}

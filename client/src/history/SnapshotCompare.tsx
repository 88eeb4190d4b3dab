import { useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanDiff, SnapshotSummary } from '@hononga/shared'
import { api, ApiError, NetworkError } from '../api/client'
import { useDateFormat } from '../i18n/dates'
import { Button } from '../ui/Button'
import { SelectField } from '../ui/Field'
import { Notice } from '../ui/Notice'
import { PlanDiffView } from './PlanDiffView'

/** The value of "now" in the "To" list: the plan as it is. */
const NOW = ''

/**
 * Compare two versions of the plan: two snapshots, or a snapshot and the plan now. The
 * server works out the difference; it is shown per section, item and field.
 */
export function SnapshotCompare({ planId, snapshots }: { planId: string; snapshots: SnapshotSummary[] }) {
  const { t } = useTranslation('history')
  const { t: tc } = useTranslation('common')
  const format = useDateFormat()
  const headingId = useId()
  const [from, setFrom] = useState(snapshots[0]?.id ?? '')
  const [to, setTo] = useState(NOW)
  const [result, setResult] = useState<{ kind: 'loading' } | { kind: 'ready'; diff: PlanDiff } | { kind: 'error'; message: string } | null>(
    null,
  )

  // A snapshot chosen before the list changed (a restore, a new snapshot) may be gone.
  useEffect(() => {
    if (!snapshots.some((s) => s.id === from)) setFrom(snapshots[0]?.id ?? '')
    if (to !== NOW && !snapshots.some((s) => s.id === to)) setTo(NOW)
  }, [snapshots, from, to])

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!from) return
    setResult({ kind: 'loading' })
    try {
      setResult({ kind: 'ready', diff: await api.diff(planId, from, to === NOW ? undefined : to) })
    } catch (error) {
      setResult({
        kind: 'error',
        message:
          error instanceof NetworkError
            ? tc('status.networkError')
            : t('compare.failed', { message: error instanceof ApiError ? error.message : String(error) }),
      })
    }
  }

  const option = (snapshot: SnapshotSummary) => (
    <option key={snapshot.id} value={snapshot.id}>
      {t('compare.option', { label: snapshot.label, date: format.dateTime(snapshot.createdAt) })}
    </option>
  )

  return (
    <section className="history-compare" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('compare.heading')}</h3>
      <form className="history-compare-form" onSubmit={(event) => void handleSubmit(event)}>
        <SelectField label={t('compare.fromLabel')} value={from} onChange={(event) => setFrom(event.target.value)}>
          {snapshots.map(option)}
        </SelectField>
        <SelectField label={t('compare.toLabel')} value={to} onChange={(event) => setTo(event.target.value)}>
          <option value={NOW}>{t('compare.nowOption')}</option>
          {snapshots.map(option)}
        </SelectField>
        <Button type="submit" variant="primary" disabled={result?.kind === 'loading' || from === '' || from === to}>
          {t('compare.button')}
        </Button>
      </form>
      {from !== '' && from === to && <p className="field-hint">{t('compare.same')}</p>}
      <div role="status" className={result?.kind === 'loading' ? undefined : 'visually-hidden'}>
        {result?.kind === 'loading' ? tc('status.loading') : result?.kind === 'ready' ? t('compare.done') : ''}
      </div>
      {result?.kind === 'error' && <Notice kind="error">{result.message}</Notice>}
      {result?.kind === 'ready' && <PlanDiffView diff={result.diff} />}
    </section>
  )
}

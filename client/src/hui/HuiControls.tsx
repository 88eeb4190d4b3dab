import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { ApiError } from '../api/client'
import { Button } from '../ui/Button'
import { Dialog } from '../ui/Dialog'
import { Notice } from '../ui/Notice'
import { JoinCodeButton } from '../join/JoinCodeButton'
import { UpcomingHuiButton } from '../schedule/UpcomingHui'
import { AgendaEditor } from './AgendaEditor'
import { ParkingLot } from './ParkingLot'
import type { HuiModel } from './useHui'

/**
 * The hui's buttons in the workspace header: the agenda, the parking lot, starting the hui and,
 * while it runs, presentation mode (for the projector; anyone may open it on their own screen).
 * One button per concern, side by side: a new one is one more element here.
 */
export function HuiButtons({ hui }: { hui: HuiModel }) {
  const { t } = useTranslation('hui')
  const startReason = useId()
  return (
    <>
      {hui.state.active && (
        <Link className="btn" href={`/plans/${encodeURIComponent(hui.planId)}/present`} title={t('present.openHint')}>
          {t('present.open')}
        </Link>
      )}
      {hui.isFacilitator && hui.state.active && <JoinCodeButton planId={hui.planId} disabled={!hui.online} />}
      <UpcomingHuiButton planId={hui.planId} isFacilitator={hui.isFacilitator} online={hui.online} huiActive={hui.state.active} />
      <Button onClick={() => hui.setPanel('agenda')}>{t('agenda.button')}</Button>
      <Button onClick={() => hui.setPanel('parking')}>
        {t('parking.button')}
        {hui.openTopics > 0 && (
          <>
            <span className="count-badge" aria-hidden="true">
              {hui.openTopics}
            </span>
            <span className="visually-hidden"> ({t('parking.openCount', { count: hui.openTopics })})</span>
          </>
        )}
      </Button>
      {hui.isFacilitator && !hui.state.active && (
        <>
          <Button
            variant="primary"
            disabled={!hui.online || hui.busy}
            aria-describedby={hui.online ? undefined : startReason}
            onClick={hui.start}
          >
            {t('start.button')}
          </Button>
          {!hui.online && (
            <span id={startReason} className="hui-offline-note">
              {t('control.needsConnection')}
            </span>
          )}
          {hui.problem && !hui.state.active && <Notice kind="error">{hui.problem}</Notice>}
        </>
      )}
    </>
  )
}

/** The hui's dialogs: the agenda, the parking lot, and confirming the end of the hui. */
export function HuiDialogs({ hui }: { hui: HuiModel }) {
  const { t } = useTranslation('hui')
  const close = () => hui.setPanel(null)
  return (
    <>
      <Dialog open={hui.panel === 'agenda'} title={t('agenda.title')} onClose={close}>
        <AgendaEditor hui={hui} />
      </Dialog>
      <Dialog open={hui.panel === 'parking'} title={t('parking.title')} onClose={close}>
        <ParkingLot hui={hui} />
      </Dialog>
      <Dialog open={hui.panel === 'end'} title={t('end.confirmTitle')} onClose={close}>
        <EndHuiBody hui={hui} onCancel={close} />
      </Dialog>
    </>
  )
}

/** Mounted while the confirmation is open, so each opening starts without an old error. */
function EndHuiBody({ hui, onCancel }: { hui: HuiModel; onCancel: () => void }) {
  const { t } = useTranslation('hui')
  const { t: tc } = useTranslation('common')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const handleEnd = async () => {
    setBusy(true)
    setError(null)
    try {
      await hui.end()
    } catch (caught) {
      setError(caught instanceof ApiError ? t('end.failed', { message: caught.message }) : tc('status.networkError'))
      setBusy(false)
    }
  }
  return (
    <>
      {error && <Notice kind="error">{error}</Notice>}
      <p>{t('end.confirmBody')}</p>
      {!hui.online && <p className="hui-offline-note">{t('control.needsConnection')}</p>}
      <div className="hui-confirm-actions">
        <Button onClick={onCancel}>{tc('actions.cancel')}</Button>
        <Button variant="danger" disabled={busy || !hui.online} onClick={() => void handleEnd()}>
          {busy ? t('end.ending') : t('end.confirm')}
        </Button>
      </div>
    </>
  )
}

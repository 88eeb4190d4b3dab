import { formatJoinCode } from '@hononga/shared'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client'
import { usePlanPartners } from '../people/PartnerFields'
import { Button } from '../ui/Button'
import { Notice } from '../ui/Notice'
import { JoinRequestItem } from './JoinRequestItem'
import { QrImage } from './QrImage'
import { useJoinCode, useJoinRequests, type JoinRequestsState, type ShownCode } from './useJoinCode'

/** Whether the list, asked for after the code was shown, says that code no longer works. */
function codeStopped(shown: ShownCode, requests: JoinRequestsState): boolean {
  if (shown.status !== 'shown' || !requests.list || requests.askedAt < shown.at) return false
  const live = requests.list.joinCode
  return live === null || live.expiresAt !== shown.joinCode.expiresAt || live.uses >= live.maxUses
}

/**
 * The join code on screen, for a room: the QR code large enough to scan from across it, the
 * short code to type, and beside them the people asking to join, each admitted in a tap.
 */
export function JoinCodePanel({ planId }: { planId: string }) {
  const { t } = useTranslation('hui')
  const { shown, showNew } = useJoinCode(planId)
  const requests = useJoinRequests(planId)
  const { partners, reload: reloadPartners } = usePlanPartners(planId)
  const [announcement, setAnnouncement] = useState('')
  const stopped = codeStopped(shown, requests)
  const live = requests.list?.joinCode
  const waiting = requests.list?.requests ?? []

  return (
    <div className="join-code-panel">
      <section className="join-code-show" aria-label={t('joinCode.codeLabel')}>
        {shown.status === 'loading' && (
          <p className="loading" role="status">
            {t('joinCode.making')}
          </p>
        )}
        {shown.status === 'error' && (
          <Notice kind="error">
            <p>{t('joinCode.failed', { message: shown.error instanceof ApiError ? shown.error.message : String(shown.error) })}</p>
            <Button onClick={showNew}>{t('joinCode.showNew')}</Button>
          </Notice>
        )}
        {shown.status === 'shown' && (
          <>
            <p className="join-code-scan">{t('joinCode.scan')}</p>
            <QrImage className="join-qr" text={shown.joinCode.url} alt={t('joinCode.qrAlt', { url: shown.joinCode.url })} />
            <p className="join-code-type">{t('joinCode.orType', { address: new URL('/join', shown.joinCode.url).href })}</p>
            <p className="join-code-text" data-testid="join-code">
              {formatJoinCode(shown.joinCode.code)}
            </p>
            <p className="join-code-uses">
              {t('joinCode.uses', { uses: live?.uses ?? shown.joinCode.uses, max: live?.maxUses ?? shown.joinCode.maxUses })}{' '}
              {t('joinCode.closeStops')}
            </p>
            {stopped && (
              <Notice kind="warning">
                <p>{t('joinCode.stopped')}</p>
                <Button onClick={showNew}>{t('joinCode.showNew')}</Button>
              </Notice>
            )}
          </>
        )}
      </section>
      <section className="join-requests" aria-labelledby="join-requests-title">
        <h3 id="join-requests-title">
          {t('joinCode.requestsTitle')} <span className="join-requests-count">({t('joinCode.waiting', { count: waiting.length })})</span>
        </h3>
        <p className="join-announcement" role="status">
          {announcement}
        </p>
        {requests.failed && <p className="field-hint">{t('joinCode.listFailed')}</p>}
        {waiting.length === 0 ? (
          <p>{t('joinCode.noRequests')}</p>
        ) : (
          <ul className="join-request-list">
            {waiting.map((request) => (
              <JoinRequestItem
                key={request.id}
                planId={planId}
                request={request}
                partners={partners}
                onDone={(message) => {
                  setAnnouncement(message)
                  requests.refresh()
                  reloadPartners()
                }}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

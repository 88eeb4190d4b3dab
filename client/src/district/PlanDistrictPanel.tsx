import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { canEdit, canFacilitate, type PartnerConsentState, type PlanDistrict, type Role } from '@hononga/shared'
import { api } from '../api/client'
import { useDateFormat } from '../i18n/dates'
import { Notice } from '../ui/Notice'
import { useErrorMessage } from './errors'
import { usePartnerName } from './labels'
import { ConsentButton, ConsentList, ShareControls } from './ConsentControls'
import { RaisedItemFacts } from './RaisedItems'
import { RaiseItemForm } from './RaiseItemForm'

/** The last change, said once (success politely, an error at once). */
type Outcome = { ok: boolean; text: string } | null

/**
 * The plan's sharing with its district (issue 13 §6): which group, each partner's consent,
 * my partner's Consent / Withdraw button when I speak for it, what the district sees, and
 * the items raised with it (with consent per item and the district's answer). The server
 * decides everything (who may choose the group, whose consent counts); this shows its answer.
 */
export function PlanDistrictPanel({ planId, role, doc }: { planId: string; role: Role; doc: Y.Doc }) {
  const { t } = useTranslation('district')
  const { t: tc } = useTranslation('common')
  const message = useErrorMessage()
  const partnerName = usePartnerName()
  const dateFormat = useDateFormat()
  const [district, setDistrict] = useState<PlanDistrict | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const [busy, setBusy] = useState(false)

  const refresh = useCallback(
    () =>
      api.planDistrict(planId).then(
        (answer) => {
          setDistrict(answer)
          setLoadError(null)
        },
        (error: unknown) => setLoadError(t('loadError', { message: message(error) })),
      ),
    [planId, t, message],
  )
  useEffect(() => {
    void refresh()
  }, [refresh])

  /** Runs a change: its answer, when it is the new PlanDistrict, is shown at once; otherwise (null) the panel asks again. */
  const change = async (run: () => Promise<PlanDistrict | null>, done: string): Promise<boolean> => {
    setBusy(true)
    try {
      const answer = await run()
      if (answer) setDistrict(answer)
      else await refresh()
      setOutcome({ ok: true, text: done })
      return true
    } catch (error) {
      setOutcome({ ok: false, text: message(error) })
      return false
    } finally {
      setBusy(false)
    }
  }
  /** A change whose answer is not the PlanDistrict (204, or the raised item). */
  const thenReload = (sent: Promise<unknown>) => sent.then(() => null)

  if (!district) {
    return loadError ? (
      <Notice kind="error">{loadError}</Notice>
    ) : (
      <p className="loading" role="status">
        {tc('status.loading')}
      </p>
    )
  }

  const mine = district.partners.find((partner) => partner.partner === district.callerPartner) ?? null
  const waitingFor = (partners: PartnerConsentState[]) =>
    partners
      .filter((partner) => partner.consent === null)
      .map(partnerName)
      .join(', ')
  return (
    <div className="plan-district">
      <p className="plan-district-sees">{t('sees')}</p>
      <div aria-live="polite">{outcome && <Notice kind={outcome.ok ? 'success' : 'error'}>{outcome.text}</Notice>}</div>

      <section aria-labelledby="plan-district-share">
        <h3 id="plan-district-share">{t('dialog.share.heading')}</h3>
        {district.share === null ? (
          <p>{t('dialog.share.none')}</p>
        ) : (
          <>
            <p>
              {district.share.requestedByName
                ? t('dialog.share.with', {
                    group: district.share.groupName,
                    name: district.share.requestedByName,
                    date: format(district.share.requestedAt),
                  })
                : t('dialog.share.withUnknown', { group: district.share.groupName, date: format(district.share.requestedAt) })}
            </p>
            <p className={district.inEffect ? 'plan-district-state in-effect' : 'plan-district-state waiting'}>
              {district.inEffect
                ? t('dialog.share.inEffect', { group: district.share.groupName })
                : t('dialog.share.waiting', { partners: waitingFor(district.partners) })}
            </p>
          </>
        )}
        {canFacilitate(role) ? (
          <ShareControls
            district={district}
            busy={busy}
            onShare={(groupId, groupName) =>
              void change(() => api.shareWithDistrict(planId, groupId), t('dialog.share.asked', { group: groupName }))
            }
            onStop={() => void change(() => thenReload(api.stopSharingWithDistrict(planId)), t('dialog.share.stopped'))}
          />
        ) : (
          district.share === null && <p className="plan-district-hint">{t('dialog.share.facilitatorsOnly')}</p>
        )}
      </section>

      {district.share !== null && (
        <section aria-labelledby="plan-district-partners">
          <h3 id="plan-district-partners">{t('dialog.partners.heading')}</h3>
          <ConsentList partners={district.partners} />
          {district.canConsent && mine ? (
            <ConsentButton
              consented={mine.consent !== null}
              partner={partnerName(mine)}
              busy={busy}
              onChange={(give) =>
                void change(
                  () => api.districtConsent(planId, give),
                  t(give ? 'dialog.consent.given' : 'dialog.consent.withdrawn', { partner: partnerName(mine) }),
                )
              }
            />
          ) : (
            <p className="plan-district-hint">{t('dialog.consent.cannot')}</p>
          )}
        </section>
      )}

      <section aria-labelledby="plan-district-raised">
        <h3 id="plan-district-raised">{t('dialog.raisedList.heading')}</h3>
        {district.raised.length === 0 ? (
          <p className="empty-note">{t('dialog.raisedList.none')}</p>
        ) : (
          <ul className="raised-list" aria-label={t('dialog.raisedList.label')}>
            {district.raised.map((item) => {
              const my = item.partners.find((partner) => partner.partner === district.callerPartner) ?? null
              return (
                <li key={item.id} className="raised-item">
                  <RaisedItemFacts item={item} />
                  <p className={item.inEffect ? 'plan-district-state in-effect' : 'plan-district-state waiting'}>
                    {item.inEffect
                      ? t('dialog.raisedList.inEffect')
                      : t('dialog.raisedList.waiting', { partners: waitingFor(item.partners) })}
                  </p>
                  <ConsentList partners={item.partners} />
                  {district.canConsent && my && (
                    <ConsentButton
                      consented={my.consent !== null}
                      partner={partnerName(my)}
                      busy={busy}
                      onChange={(give) =>
                        void change(
                          () => api.raisedConsent(planId, item.id, give),
                          t(give ? 'dialog.consent.given' : 'dialog.consent.withdrawn', { partner: partnerName(my) }),
                        )
                      }
                    />
                  )}
                </li>
              )
            })}
          </ul>
        )}
      </section>

      {canEdit(role) && (
        <section aria-labelledby="plan-district-raise">
          <h3 id="plan-district-raise">{t('dialog.raise.heading')}</h3>
          {district.share === null ? (
            <p className="plan-district-hint">{t('dialog.raise.needsShare')}</p>
          ) : (
            <RaiseItemForm
              doc={doc}
              busy={busy}
              onRaise={(body) => change(() => thenReload(api.raiseToDistrict(planId, body)), t('dialog.raise.raised'))}
            />
          )}
        </section>
      )}
    </div>
  )

  function format(iso: string): string {
    return dateFormat.dateTime(iso)
  }
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PartnerConsentState, PlanDistrict } from '@hononga/shared'
import { useDateFormat } from '../i18n/dates'
import { Button } from '../ui/Button'
import { SelectField } from '../ui/Field'
import { usePartnerName } from './labels'

/** Each partner of the plan and its consent: given by whom and when, or "Waiting for …". */
export function ConsentList({ partners }: { partners: PartnerConsentState[] }) {
  const { t } = useTranslation('district')
  const partnerName = usePartnerName()
  const format = useDateFormat()
  return (
    <ul className="consent-list">
      {partners.map((partner) => {
        const consent = partner.consent
        return (
          <li key={partner.partner} className={consent ? 'consent given' : 'consent waiting'}>
            <span aria-hidden="true">{consent ? '✓ ' : '… '}</span>
            <strong>{partnerName(partner)}</strong>
            {': '}
            {consent === null
              ? t('dialog.partners.waiting', { partner: partnerName(partner) })
              : consent.givenByName
                ? t('dialog.partners.given', { name: consent.givenByName, date: format.dateTime(consent.givenAt) })
                : t('dialog.partners.givenUnknown', { date: format.dateTime(consent.givenAt) })}
          </li>
        )
      })}
    </ul>
  )
}

/** My partner's Consent, or Withdraw consent once given (the server takes my partner from my membership). */
export function ConsentButton({
  consented,
  partner,
  busy,
  onChange,
}: {
  consented: boolean
  partner: string
  busy: boolean
  onChange: (give: boolean) => void
}) {
  const { t } = useTranslation('district')
  return (
    <Button variant={consented ? 'secondary' : 'primary'} disabled={busy} onClick={() => onChange(!consented)}>
      {consented ? t('dialog.consent.withdraw', { partner }) : t('dialog.consent.give', { partner })}
    </Button>
  )
}

/**
 * A facilitator's choice of district group: ask to share with one, change it (every partner
 * consents again), or stop sharing.
 */
export function ShareControls({
  district,
  busy,
  onShare,
  onStop,
}: {
  district: PlanDistrict
  busy: boolean
  onShare: (groupId: string, groupName: string) => void
  onStop: () => void
}) {
  const { t } = useTranslation('district')
  const current = district.share?.groupId ?? ''
  const [chosen, setChosen] = useState(current)
  const group = district.groups.find((g) => g.id === chosen)
  if (district.groups.length === 0 && district.share === null) return <p className="plan-district-hint">{t('dialog.share.noGroups')}</p>
  return (
    <div className="share-controls">
      <SelectField
        label={t('dialog.share.group')}
        hint={district.share ? t('dialog.share.changeHint') : undefined}
        value={chosen}
        onChange={(event) => setChosen(event.target.value)}
      >
        <option value="">{t('dialog.share.choose')}</option>
        {district.groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </SelectField>
      <div className="share-buttons">
        <Button variant="primary" disabled={busy || !group || chosen === current} onClick={() => group && onShare(group.id, group.name)}>
          {district.share ? t('dialog.share.change') : t('dialog.share.ask')}
        </Button>
        {district.share && (
          <Button variant="danger" disabled={busy} onClick={onStop}>
            {t('dialog.share.stop')}
          </Button>
        )}
      </div>
    </div>
  )
}

import { useTranslation } from 'react-i18next'
import type { AgreementTargetKind, PrintoutWithheldNotice } from '@hononga/shared'
import './exports.css'

/**
 * Says what was left out of a printout or file because its partner withheld it (issue 13 §3):
 * one line per partner, "1 action withheld by Ngāti Awa", never what the items said. Nothing
 * when nothing was withheld.
 */
export function WithheldNotices({ notices }: { notices: readonly PrintoutWithheldNotice[] }) {
  const { t } = useTranslation('exports')
  if (notices.length === 0) return null
  const byPartner = new Map<string, Map<AgreementTargetKind, number>>()
  for (const notice of notices) {
    const counts = byPartner.get(notice.partnerLabel) ?? new Map<AgreementTargetKind, number>()
    counts.set(notice.target.kind, (counts.get(notice.target.kind) ?? 0) + 1)
    byPartner.set(notice.partnerLabel, counts)
  }
  return (
    <section className="withheld-notices" aria-labelledby="withheld-notices-title">
      <h2 id="withheld-notices-title">{t('withheld.title')}</h2>
      <ul>
        {[...byPartner].map(([partner, counts]) => (
          <li key={partner}>
            {t('withheld.line', {
              items: [...counts].map(([kind, count]) => t(`withheld.kinds.${kind}`, { count })).join(', '),
              partner,
            })}
          </li>
        ))}
      </ul>
      <p className="withheld-notices-hint">{t('withheld.hint')}</p>
    </section>
  )
}

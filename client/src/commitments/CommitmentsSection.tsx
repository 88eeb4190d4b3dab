import { useTranslation } from 'react-i18next'
import { COMMITMENT_IDS, type CommitmentJson } from '@hononga/shared'
import { CommitmentRecords } from './CommitmentList'

/**
 * The commitments as the printable plan shows them (issue 13 §5): each commitment with
 * Police's account and the partners' assessments, read-only (an h2 section, each commitment an h3).
 */
export function CommitmentsSection({ commitments }: { commitments: readonly CommitmentJson[] }) {
  const { t } = useTranslation('partnership')
  return (
    <section className="commitments-section" aria-labelledby="print-commitments">
      <h2 id="print-commitments">{t('commitments.heading')}</h2>
      {COMMITMENT_IDS.map((commitment) => (
        <div key={commitment} className="commitment">
          <h3>{t(`commitments.items.${commitment}`)}</h3>
          <CommitmentRecords commitment={commitment} records={commitments} headingLevel={4} />
        </div>
      ))}
    </section>
  )
}

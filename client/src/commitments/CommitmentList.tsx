import { useTranslation } from 'react-i18next'
import { commitmentRecordsOf, type CommitmentId, type CommitmentRecord } from '@hononga/shared'
import { usePartnerName } from '../agreement/AgreementGlance'
import { useDateFormat } from '../i18n/dates'
import './commitments.css'

/** A record as the step (from the document, ms) or the printable plan (from PlanJson, ISO) has it. */
export type ShownCommitment = Omit<CommitmentRecord, 'at'> & { at: number | string }

/**
 * One commitment's records, read-only: Police's account first, then each other partner's
 * assessment, each with who wrote it and when it was last reviewed ("last reviewed at the hui
 * of 12 March 2027"). Shared by the Commitments step and the printable plan.
 */
export function CommitmentRecords({
  commitment,
  records,
  headingLevel = 3,
}: {
  commitment: CommitmentId
  records: readonly ShownCommitment[]
  /** The level of the "Police's account" and "Partners' assessments" headings. */
  headingLevel?: 3 | 4
}) {
  const { t } = useTranslation('partnership')
  const { police, assessments } = commitmentRecordsOf(records, commitment)
  const Heading = headingLevel === 3 ? 'h3' : 'h4'
  return (
    <div className="commitment-records">
      <Heading className="commitment-subheading">{t('commitments.policeAccount')}</Heading>
      {police.length === 0 ? <p className="commitment-none">{t('commitments.noPoliceAccount')}</p> : <RecordList records={police} />}
      <Heading className="commitment-subheading">{t('commitments.assessments')}</Heading>
      {assessments.length === 0 ? (
        <p className="commitment-none">{t('commitments.noAssessments')}</p>
      ) : (
        <RecordList records={assessments} />
      )}
    </div>
  )
}

function RecordList({ records }: { records: readonly ShownCommitment[] }) {
  const { t } = useTranslation('partnership')
  const partnerName = usePartnerName()
  const dates = useDateFormat()
  return (
    <ul className="commitment-record-list">
      {records.map((record) => {
        const date = dates.date(record.at)
        return (
          <li key={record.partner} className={`commitment-record affiliation-${record.affiliation}`} data-partner={record.partner}>
            <p className="commitment-text">{record.text}</p>
            <p className="commitment-meta">
              {t('commitments.by', { partner: partnerName(record), name: record.name })} ·{' '}
              <span lang={dates.dateLang}>
                {record.huiId ? t('commitments.reviewedAtHui', { date }) : t('commitments.reviewedOn', { date })}
              </span>
            </p>
          </li>
        )
      })}
    </ul>
  )
}

import { useTranslation } from 'react-i18next'
import type { MonitoringMeasureView, ProgressEntryView } from '@hononga/shared'
import { MeasureChart } from './MeasureChart'
import { MeasureSummary, useMeasureValue } from './MeasureSummary'

/**
 * An action's measures, for reading: each with its baseline, target, how often it is
 * reported and by whom, and where it stands. A description list per measure rather than a
 * table, so it reads as well on a phone as on a projector.
 */
export function MeasureFacts({ measures, entries }: { measures: MonitoringMeasureView[]; entries: readonly ProgressEntryView[] }) {
  const { t } = useTranslation('steps')
  const show = useMeasureValue()
  return (
    <ul className="measure-list">
      {measures.map((measure) => (
        <li key={measure.id} className="measure">
          <h5 className="measure-title">{measure.name || t('monitoring.unnamed')}</h5>
          <dl className="action-facts measure-facts">
            <div>
              <dt>{t('monitoring.baseline')}</dt>
              <dd>{show(measure.baseline, measure.unit)}</dd>
            </div>
            <div>
              <dt>{t('monitoring.target')}</dt>
              <dd>{show(measure.target, measure.unit)}</dd>
            </div>
            <div>
              <dt>{t('monitoring.frequency')}</dt>
              <dd>{t(`frequency.${measure.frequency}`)}</dd>
            </div>
            <div>
              <dt>{t('monitoring.reporter')}</dt>
              <dd>{measure.reporter || t('monitoring.noReporter')}</dd>
            </div>
          </dl>
          <MeasureSummary measure={measure} entries={entries} withBounds={false} />
          <MeasureChart measure={measure} entries={entries} />
        </li>
      ))}
    </ul>
  )
}

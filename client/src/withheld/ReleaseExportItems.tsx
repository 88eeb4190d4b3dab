import { useTranslation } from 'react-i18next'
import { exportUrls } from '../api/client'
import type { ReleaseChoice } from './useReleaseChoices'

/**
 * The export menu's "with release …" entries (issue 13 §3): for each release the person may
 * use, the same downloads with `?release=`, which let out the items their partners approved.
 * List items, to sit inside the menu's list; nothing when there is no such release.
 */
export function ReleaseExportItems({ planId, releases }: { planId: string; releases: readonly ReleaseChoice[] }) {
  const { t } = useTranslation('withheld')
  const urls = exportUrls(planId)
  const withRelease = (url: string, id: string) => `${url}?release=${encodeURIComponent(id)}`
  return releases.map((release) => (
    <li key={release.id} className="export-menu-release">
      <p className="export-menu-release-heading">{t('export.heading', { audience: release.audience })}</p>
      <ul>
        <li>
          <a href={withRelease(urls.actionsCsv, release.id)} download>
            {t('export.actionsCsv')}
          </a>
        </li>
        <li>
          <a href={withRelease(urls.monitoringCsv, release.id)} download>
            {t('export.monitoringCsv')}
          </a>
        </li>
        <li>
          <a href={withRelease(urls.json, release.id)} download>
            {t('export.json')}
          </a>
        </li>
      </ul>
    </li>
  ))
}

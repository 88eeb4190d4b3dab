import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { exportUrls } from '../api/client'
import { useReleaseChoices } from './useReleaseChoices'

/** Who is asking, for the releases they may use: read from the plan document. */
export interface ReleaseScope {
  doc: Y.Doc
  userId: string
  isFacilitator: boolean
}

/**
 * The export menu's "with release …" entries (issue 13 §3): for each release the person may
 * use, the same downloads with `?release=`, which let out the items their partners approved.
 * List items, to sit inside the menu's list; nothing when there is no such release. Mounted
 * only while the menu is open: telling an approval from a lapsed one renders the plan, which
 * must not happen on every keystroke in the workspace.
 */
export function ReleaseExportItems({ planId, scope }: { planId: string; scope: ReleaseScope }) {
  const { t } = useTranslation('withheld')
  const releases = useReleaseChoices(scope.doc, scope.userId, scope.isFacilitator)
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

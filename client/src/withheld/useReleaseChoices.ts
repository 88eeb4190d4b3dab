import type * as Y from 'yjs'
import { useDocValue } from '../sync/useDocValue'
import { releaseViews, usableReleases } from './releases'

/** A release the export menu offers: its request id and for whom it is. */
export interface ReleaseChoice {
  id: string
  audience: string
}

/**
 * The releases this person may download with now (issue 13 §3): those they asked for, or any
 * when they facilitate, with at least one item approved for its current version. The server
 * decides again on every download.
 */
export function useReleaseChoices(doc: Y.Doc, userId: string, isFacilitator: boolean): ReleaseChoice[] {
  return useDocValue(doc, (d) =>
    usableReleases(releaseViews(d), userId, isFacilitator).map(({ request }) => ({ id: request.id, audience: request.audience })),
  )
}

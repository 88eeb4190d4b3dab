import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { formatDate, NZ_TIME_ZONE, originKey, originsRoot, parseOrigin, type ItemOrigin, type OriginKind } from '@hononga/shared'
import { usePartnerName } from '../agreement/AgreementGlance'
import { localesFor } from '../i18n/locale'

/**
 * The recorded origin of an item (issue 13 §1), following the plan's `origins` root, which
 * only the server writes. Null for an item older than these records. Re-renders only when
 * this item's record changes: the stored record is a plain value, the same object until then.
 */
export function useItemOrigin(doc: Y.Doc, kind: OriginKind, id: string): ItemOrigin | null {
  const root = originsRoot(doc)
  const key = originKey(kind, id)
  const subscribe = useCallback(
    (onChange: () => void) => {
      const handleChange = (event: Y.YMapEvent<unknown>) => {
        if (event.keysChanged.has(key)) onChange()
      }
      root.observe(handleChange)
      return () => root.unobserve(handleChange)
    },
    [root, key],
  )
  const stored = useSyncExternalStore(subscribe, () => root.get(key))
  return useMemo(() => parseOrigin(stored), [stored])
}

/**
 * A quiet line on an item saying who added it and when: "Added by Ngāti Awa (Aroha Smith)
 * at the hui of 12 March 2026", or "… on 12 March 2026" when no hui was running. Dates are
 * New Zealand dates (Pacific/Auckland), wherever the reader is. Nothing for an item with no
 * recorded origin.
 */
export function AddedBy({ doc, kind, id }: { doc: Y.Doc; kind: OriginKind; id: string }) {
  const { t, i18n } = useTranslation('steps')
  const partnerName = usePartnerName()
  const origin = useItemOrigin(doc, kind, id)
  if (!origin) return null
  const atHui = origin.huiStartedAt !== null
  const date = formatDate(origin.huiStartedAt ?? origin.at, {
    locale: localesFor(i18n.language).date,
    style: 'long',
    timeZone: NZ_TIME_ZONE,
  })
  const words = {
    partner: partnerName({ affiliation: origin.affiliation, organisation: origin.organisation?.trim() || null }),
    name: origin.name,
    date,
  }
  return <p className="item-origin">{atHui ? t('origins.addedAtHui', words) : t('origins.addedOn', words)}</p>
}

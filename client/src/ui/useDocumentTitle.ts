import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'

/** Sets the tab's title to "<page> · Hononga" (WCAG 2.4.2) while the page is shown. */
export function useDocumentTitle(page: string | null | undefined): void {
  const { t } = useTranslation()
  const app = t('appName')
  useEffect(() => {
    document.title = page ? `${page} · ${app}` : app
  }, [page, app])
}

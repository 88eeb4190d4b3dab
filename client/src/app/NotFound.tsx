import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'

export function NotFound() {
  const { t } = useTranslation()
  return (
    <section className="page narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <Link href="/plans">{t('notFound.home')}</Link>
    </section>
  )
}

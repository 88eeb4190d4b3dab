import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'wouter'
import { DistrictNavLink } from '../district/DistrictNavLink'
import { LanguageSelect } from '../i18n/LanguageSelect'
import { NotificationBell } from '../notifications/NotificationBell'
import { useSession } from '../session/SessionContext'

/**
 * The frame of every page: a skip link, the header (name, navigation, language, who is
 * signed in) and the main landmark that the skip link targets.
 */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation(['common', 'tracker', 'schedule'])
  const { me, signOut } = useSession()
  const [, navigate] = useLocation()
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <Link href={me ? '/plans' : '/'} className="brand">
          {t('appName')}
        </Link>
        <nav aria-label={t('nav.main')} className="app-nav">
          {me && <Link href="/plans">{t('nav.plans')}</Link>}
          {me && <Link href="/tracker">{t('tracker:nav')}</Link>}
          {me && <DistrictNavLink userId={me.id} />}
          {me && <Link href="/settings">{t('schedule:settings.title')}</Link>}
        </nav>
        <div className="app-header-end">
          <NotificationBell signedIn={Boolean(me)} />
          <LanguageSelect signedIn={Boolean(me)} />
          {me ? (
            <>
              <span className="signed-in-as">{t('nav.signedInAs', { name: me.name })}</span>
              <button
                type="button"
                className="btn btn-quiet"
                onClick={() => {
                  void signOut().then(() => navigate('/sign-in'))
                }}
              >
                {t('nav.signOut')}
              </button>
            </>
          ) : (
            me === null && <Link href="/sign-in">{t('nav.signIn')}</Link>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  )
}

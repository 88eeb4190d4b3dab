import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { api } from '../api/client'
import { T } from '../i18n/T'
import { useSession } from '../session/SessionContext'
import { Notice } from '../ui/Notice'
import { useDocumentTitle } from '../ui/useDocumentTitle'
import { forgetTokenInAddress, tokenFromLocation } from './authToken'
import './auth.css'

type Outcome = 'checking' | 'done' | 'invalid'

/** `/verify-email#token=...`: confirms the address once, and says so. No sign-in needed. */
export function VerifyEmailPage() {
  const { t } = useTranslation('auth')
  useDocumentTitle(t('verify.title'))
  const { me, refresh } = useSession()
  const [outcome, setOutcome] = useState<Outcome>('checking')
  // The token is single use: posted once even when React runs the effect twice.
  const posted = useRef(false)

  useEffect(() => {
    if (posted.current) return
    posted.current = true
    const token = tokenFromLocation(window.location)
    if (token) forgetTokenInAddress()
    if (!token) {
      setOutcome('invalid')
      return
    }
    api.verifyEmail(token).then(
      () => {
        setOutcome('done')
        void refresh()
      },
      () => setOutcome('invalid'),
    )
  }, [refresh])

  return (
    <section className="page narrow auth-page" aria-labelledby="verify-title">
      <h1 id="verify-title">
        <T k="auth:verify.title" />
      </h1>
      {outcome === 'checking' && (
        <p role="status">
          <T k="auth:verify.checking" />
        </p>
      )}
      {outcome === 'done' && (
        <Notice kind="success">
          <T k="auth:verify.done" />
        </Notice>
      )}
      {outcome === 'invalid' && (
        <Notice kind="error">
          <T k="auth:verify.invalidLink" />
        </Notice>
      )}
      {outcome !== 'checking' && (
        <p className="auth-switch">
          <Link href={me ? '/plans' : '/sign-in'}>
            <T k={me ? 'auth:verify.continue' : 'auth:forgot.backToSignIn'} />
          </Link>
        </p>
      )}
    </section>
  )
}

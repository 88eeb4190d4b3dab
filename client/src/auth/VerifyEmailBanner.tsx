import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import { T } from '../i18n/T'
import { useSession } from '../session/SessionContext'
import { Button } from '../ui/Button'
import { problemsFromError, type AuthProblem } from './authRules'

/**
 * A quiet note for a signed-in person whose address is not confirmed, when the server sends
 * mail: plan mail waits for it. "Send again" mails a new link (throttled by the server).
 */
export function VerifyEmailBanner() {
  const { t } = useTranslation('auth')
  const { me } = useSession()
  const [state, setState] = useState<'idle' | 'sending' | 'sent'>('idle')
  const [problem, setProblem] = useState<AuthProblem | null>(null)
  if (!me || !me.mailEnabled || me.emailVerified !== false) return null

  async function handleSendAgain() {
    setState('sending')
    setProblem(null)
    try {
      await api.resendVerification()
      setState('sent')
    } catch (error) {
      setProblem(problemsFromError(error, 'signIn')[0] ?? null)
      setState('idle')
    }
  }

  return (
    <aside className="notice notice-info verify-banner" aria-label={t('verify.bannerLabel')}>
      <p>
        <T k="auth:verify.banner" values={{ email: me.email }} />{' '}
        <Button variant="quiet" onClick={() => void handleSendAgain()} disabled={state !== 'idle'}>
          <T k="auth:verify.sendAgain" />
        </Button>
      </p>
      <p role="status" className="verify-banner-status">
        {state === 'sent' && <T k="auth:verify.sentAgain" />}
        {problem && <T k={problem.key} values={problem.values} />}
      </p>
    </aside>
  )
}

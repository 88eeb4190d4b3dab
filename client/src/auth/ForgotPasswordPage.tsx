import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { api } from '../api/client'
import { T } from '../i18n/T'
import { Button } from '../ui/Button'
import { useDocumentTitle } from '../ui/useDocumentTitle'
import { AuthErrorSummary, fieldError } from './AuthErrorSummary'
import { EmailField } from './AuthPage'
import { problemsFromError, validateAuth, type AuthProblem } from './authRules'
import './auth.css'

const FIELD_IDS = { email: 'forgot-email' }

/**
 * `/forgot-password`: asks for a reset link. The confirmation is the same whether or not the
 * email has an account; when the server sends no mail it says to ask an administrator.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation('auth')
  useDocumentTitle(t('forgot.title'))
  const [email, setEmail] = useState('')
  const [problems, setProblems] = useState<AuthProblem[]>([])
  const [busy, setBusy] = useState(false)
  const [sent, setSent] = useState<{ email: string; mail: boolean } | null>(null)

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    // Only the email is asked for: the password rule passes with a placeholder.
    const found = validateAuth({ email, password: '-' }, 'signIn')
    setProblems(found)
    if (found.length > 0) return
    setBusy(true)
    try {
      const answer = await api.requestPasswordReset(email.trim())
      setSent({ email: email.trim(), mail: answer.mail })
    } catch (error) {
      setProblems(problemsFromError(error, 'signIn'))
    } finally {
      setBusy(false)
    }
  }

  if (sent) {
    return (
      <section className="page narrow auth-page" aria-labelledby="forgot-sent-title">
        <h1 id="forgot-sent-title">
          <T k={sent.mail ? 'auth:forgot.sentTitle' : 'auth:forgot.title'} />
        </h1>
        <p role="status">{sent.mail ? <T k="auth:forgot.sent" values={{ email: sent.email }} /> : <T k="auth:forgot.noMail" />}</p>
        <p className="auth-switch">
          <Link href="/sign-in">
            <T k="auth:forgot.backToSignIn" />
          </Link>
        </p>
      </section>
    )
  }

  return (
    <section className="page narrow auth-page">
      <h1 id="forgot-title">
        <T k="auth:forgot.title" />
      </h1>
      <p>
        <T k="auth:forgot.intro" />
      </p>
      <AuthErrorSummary problems={problems} fieldIds={FIELD_IDS} />
      <form className="card auth-form" noValidate onSubmit={(event) => void handleSubmit(event)} aria-labelledby="forgot-title">
        <EmailField id={FIELD_IDS.email} value={email} onChange={setEmail} error={fieldError(problems, 'email')} />
        <Button variant="primary" type="submit" disabled={busy} className="auth-submit">
          <T k="auth:forgot.submit" />
        </Button>
      </form>
      <p className="auth-switch">
        <Link href="/sign-in">
          <T k="auth:forgot.backToSignIn" />
        </Link>
      </p>
    </section>
  )
}

import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Redirect, useLocation, useSearch } from 'wouter'
import { nextPath } from '../app/RequireSession'
import { T } from '../i18n/T'
import { useSession } from '../session/SessionContext'
import { Button } from '../ui/Button'
import { TextField } from '../ui/Field'
import { Notice } from '../ui/Notice'
import { useDocumentTitle } from '../ui/useDocumentTitle'
import { AuthErrorSummary, fieldError } from './AuthErrorSummary'
import { PASSWORD_MAX, problemsFromError, validateAuth, withNext, type AuthProblem } from './authRules'
import './auth.css'

const FIELD_IDS = { email: 'sign-in-email', password: 'sign-in-password' }

/** `/sign-in`: email and password; afterwards back to `?next=` (or the plan list). */
export function SignInPage() {
  const { t } = useTranslation('auth')
  const { me, signIn } = useSession()
  const search = useSearch()
  const [, navigate] = useLocation()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [problems, setProblems] = useState<AuthProblem[]>([])
  const [busy, setBusy] = useState(false)
  useDocumentTitle(t('signIn.title'))

  if (me === undefined) return null
  if (me) return <Redirect to={nextPath(search)} replace />

  const invited = nextPath(search, '').startsWith('/invite/')

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const found = validateAuth({ email, password }, 'signIn')
    if (found.length > 0) {
      setProblems(found)
      return
    }
    setBusy(true)
    try {
      await signIn(email.trim(), password)
      navigate(nextPath(search), { replace: true })
    } catch (error) {
      setProblems(problemsFromError(error, 'signIn'))
      setBusy(false)
    }
  }

  return (
    <section className="page narrow auth-page">
      <h1 id="sign-in-title">
        <T k="auth:signIn.title" />
      </h1>
      <p>
        <T k="auth:signIn.intro" />
      </p>
      <AuthErrorSummary problems={problems} fieldIds={FIELD_IDS} />
      {invited && problems.length === 0 && (
        <Notice>
          <T k="auth:invitedNotice" />
        </Notice>
      )}
      <form className="card auth-form" noValidate onSubmit={(event) => void handleSubmit(event)} aria-labelledby="sign-in-title">
        <TextField
          id={FIELD_IDS.email}
          label={<T k="auth:fields.email" />}
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={254}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldError(problems, 'email')}
        />
        <TextField
          id={FIELD_IDS.password}
          label={<T k="auth:fields.password" />}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          maxLength={PASSWORD_MAX}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldError(problems, 'password')}
        />
        <Button variant="primary" type="submit" disabled={busy} className="auth-submit">
          <T k="auth:signIn.submit" />
        </Button>
      </form>
      <p className="auth-switch">
        <T k="auth:signIn.noAccount" />{' '}
        <Link href={withNext('/sign-up', search)}>
          <T k="auth:signIn.createAccount" />
        </Link>
      </p>
    </section>
  )
}

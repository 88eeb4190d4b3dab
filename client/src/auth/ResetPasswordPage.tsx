import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'wouter'
import { ApiError, api } from '../api/client'
import { T } from '../i18n/T'
import { useSession } from '../session/SessionContext'
import { Button } from '../ui/Button'
import { TextField } from '../ui/Field'
import { Notice } from '../ui/Notice'
import { useDocumentTitle } from '../ui/useDocumentTitle'
import { AuthErrorSummary, fieldError } from './AuthErrorSummary'
import { forgetTokenInAddress, tokenFromLocation } from './authToken'
import { PASSWORD_MAX, PASSWORD_MIN, problemsFromError, validateAuth, type AuthProblem } from './authRules'
import './auth.css'

const FIELD_IDS = { password: 'reset-password', confirm: 'reset-password-again' }

/**
 * `/reset-password#token=...`: the new password twice (the sign-up rules: at least 10
 * characters, and the server's strength check with its advice). Afterwards the person is
 * signed in (the server ends every other session) and goes to their plans.
 */
export function ResetPasswordPage() {
  const { t } = useTranslation('auth')
  useDocumentTitle(t('reset.title'))
  const { refresh } = useSession()
  const [, navigate] = useLocation()
  // Read once, then taken off the address bar so it is not left in history.
  const [token] = useState(() => {
    const found = tokenFromLocation(window.location)
    if (found) forgetTokenInAddress()
    return found
  })
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [problems, setProblems] = useState<AuthProblem[]>([])
  const [invalid, setInvalid] = useState(token === null)
  const [busy, setBusy] = useState(false)

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const found = validateAuth({ email: 'placeholder@example.nz', password }, 'signUp').filter((problem) => problem.field === 'password')
    const differ = password !== confirm && found.length === 0
    const all: AuthProblem[] = differ ? [{ field: 'name', key: 'auth:errors.passwordsDiffer' }] : found
    setProblems(all)
    if (all.length > 0 || !token) return
    setBusy(true)
    try {
      await api.completePasswordReset({ token, password })
      await refresh()
      navigate('/plans', { replace: true })
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_token') setInvalid(true)
      else setProblems(problemsFromError(error, 'signUp'))
      setBusy(false)
    }
  }

  return (
    <section className="page narrow auth-page">
      <h1 id="reset-title">
        <T k="auth:reset.title" />
      </h1>
      {invalid ? (
        <>
          <Notice kind="error">
            <T k="auth:reset.invalidLink" />
          </Notice>
          <p className="auth-switch">
            <Link href="/forgot-password">
              <T k="auth:reset.askAgain" />
            </Link>
          </p>
        </>
      ) : (
        <>
          <p>
            <T k="auth:reset.intro" />
          </p>
          {/* The "same again" field reuses the `name` slot of the auth problems: this form has no name. */}
          <AuthErrorSummary problems={problems} fieldIds={{ password: FIELD_IDS.password, name: FIELD_IDS.confirm }} />
          <form className="card auth-form" noValidate onSubmit={(event) => void handleSubmit(event)} aria-labelledby="reset-title">
            {/* For password managers: which account the new password belongs to is not known here. */}
            <TextField
              id={FIELD_IDS.password}
              label={<T k="auth:reset.newPassword" />}
              hint={<T k="auth:fields.passwordHint" values={{ count: PASSWORD_MIN }} />}
              type="password"
              name="new-password"
              autoComplete="new-password"
              required
              minLength={PASSWORD_MIN}
              maxLength={PASSWORD_MAX}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              error={fieldError(problems, 'password')}
            />
            <TextField
              id={FIELD_IDS.confirm}
              label={<T k="auth:reset.confirmPassword" />}
              type="password"
              name="new-password-again"
              autoComplete="new-password"
              required
              maxLength={PASSWORD_MAX}
              value={confirm}
              onChange={(event) => setConfirm(event.target.value)}
              error={fieldError(problems, 'name')}
            />
            <Button variant="primary" type="submit" disabled={busy} className="auth-submit">
              <T k="auth:reset.submit" />
            </Button>
          </form>
        </>
      )}
    </section>
  )
}

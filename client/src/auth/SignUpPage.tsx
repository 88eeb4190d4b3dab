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
import { NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, problemsFromError, validateAuth, withNext, type AuthProblem } from './authRules'
import './auth.css'

const FIELD_IDS = { name: 'sign-up-name', email: 'sign-up-email', password: 'sign-up-password' }

/** `/sign-up`: name, email and password; afterwards back to `?next=` (or the plan list). */
export function SignUpPage() {
  const { t } = useTranslation('auth')
  const { me, signUp } = useSession()
  const search = useSearch()
  const [, navigate] = useLocation()
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [problems, setProblems] = useState<AuthProblem[]>([])
  const [busy, setBusy] = useState(false)
  useDocumentTitle(t('signUp.title'))

  if (me === undefined) return null
  if (me) return <Redirect to={nextPath(search)} replace />

  const invited = nextPath(search, '').startsWith('/invite/')

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const found = validateAuth({ name, email, password }, 'signUp')
    if (found.length > 0) {
      setProblems(found)
      return
    }
    setBusy(true)
    try {
      // NFC so a name typed with combining macrons (a + ̄) is stored like one typed as ā.
      await signUp(email.trim(), name.normalize('NFC').trim(), password)
      navigate(nextPath(search), { replace: true })
    } catch (error) {
      setProblems(problemsFromError(error, 'signUp'))
      setBusy(false)
    }
  }

  return (
    <section className="page narrow auth-page">
      <h1 id="sign-up-title">
        <T k="auth:signUp.title" />
      </h1>
      <p>
        <T k="auth:signUp.intro" />
      </p>
      <AuthErrorSummary problems={problems} fieldIds={FIELD_IDS} />
      {invited && problems.length === 0 && (
        <Notice>
          <T k="auth:invitedNotice" />
        </Notice>
      )}
      <form className="card auth-form" noValidate onSubmit={(event) => void handleSubmit(event)} aria-labelledby="sign-up-title">
        <TextField
          id={FIELD_IDS.name}
          label={<T k="auth:fields.name" />}
          hint={<T k="auth:fields.nameHint" />}
          name="name"
          autoComplete="name"
          required
          maxLength={NAME_MAX}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={fieldError(problems, 'name')}
        />
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
          hint={<T k="auth:fields.passwordHint" values={{ count: PASSWORD_MIN }} />}
          type="password"
          name="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldError(problems, 'password')}
        />
        <Button variant="primary" type="submit" disabled={busy} className="auth-submit">
          <T k="auth:signUp.submit" />
        </Button>
      </form>
      <p className="auth-switch">
        <T k="auth:signUp.haveAccount" />{' '}
        <Link href={withNext('/sign-in', search)}>
          <T k="auth:signUp.signIn" />
        </Link>
      </p>
    </section>
  )
}

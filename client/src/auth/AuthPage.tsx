import { useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Redirect, useLocation, useSearch } from 'wouter'
import { nextPath } from '../app/RequireSession'
import { T } from '../i18n/T'
import { useSession } from '../session/SessionContext'
import { Button } from '../ui/Button'
import { TextField } from '../ui/Field'
import { Notice } from '../ui/Notice'
import { useDocumentTitle } from '../ui/useDocumentTitle'
import { AuthErrorSummary } from './AuthErrorSummary'
import {
  PASSWORD_MAX,
  PASSWORD_MIN,
  problemsFromError,
  validateAuth,
  withNext,
  type AuthField,
  type AuthMode,
  type AuthProblem,
  type AuthValues,
} from './authRules'
import './auth.css'

/** The words and the other page of each auth form (keys spelt out, so a search finds them). */
const PAGES = {
  signIn: {
    titleId: 'sign-in-title',
    documentTitle: 'signIn.title',
    title: 'auth:signIn.title',
    intro: 'auth:signIn.intro',
    submit: 'auth:signIn.submit',
    switchText: 'auth:signIn.noAccount',
    switchLink: 'auth:signIn.createAccount',
    switchTo: '/sign-up',
  },
  signUp: {
    titleId: 'sign-up-title',
    documentTitle: 'signUp.title',
    title: 'auth:signUp.title',
    intro: 'auth:signUp.intro',
    submit: 'auth:signUp.submit',
    switchText: 'auth:signUp.haveAccount',
    switchLink: 'auth:signUp.signIn',
    switchTo: '/sign-in',
  },
} as const satisfies Record<AuthMode, Record<string, string>>

/**
 * The page around the sign-in and sign-up forms: the title, the error summary, the note
 * for someone who came from an invite, the form with its submit button, and the link to the
 * other form. It checks `values` before `send`ing them, shows what the server refused, and
 * afterwards goes back to `?next=` (or the plan list). A signed-in visitor goes there at once.
 * `children` renders the fields, given the problems found so far.
 */
export function AuthPage({
  mode,
  fieldIds,
  values,
  send,
  children,
}: {
  mode: AuthMode
  /** Which input each field is (the error summary links to them). */
  fieldIds: Partial<Record<AuthField, string>>
  values: AuthValues
  send: () => Promise<unknown>
  children: (problems: AuthProblem[]) => ReactNode
}) {
  const { t } = useTranslation('auth')
  const { me } = useSession()
  const search = useSearch()
  const [, navigate] = useLocation()
  const [problems, setProblems] = useState<AuthProblem[]>([])
  const [busy, setBusy] = useState(false)
  const page = PAGES[mode]
  useDocumentTitle(t(page.documentTitle))

  if (me === undefined) return null
  if (me) return <Redirect to={nextPath(search)} replace />

  const invited = nextPath(search, '').startsWith('/invite/')

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const found = validateAuth(values, mode)
    if (found.length > 0) {
      setProblems(found)
      return
    }
    setBusy(true)
    try {
      await send()
      navigate(nextPath(search), { replace: true })
    } catch (error) {
      setProblems(problemsFromError(error, mode))
      setBusy(false)
    }
  }

  return (
    <section className="page narrow auth-page">
      <h1 id={page.titleId}>
        <T k={page.title} />
      </h1>
      <p>
        <T k={page.intro} />
      </p>
      <AuthErrorSummary problems={problems} fieldIds={fieldIds} />
      {invited && problems.length === 0 && (
        <Notice>
          <T k="auth:invitedNotice" />
        </Notice>
      )}
      <form className="card auth-form" noValidate onSubmit={(event) => void handleSubmit(event)} aria-labelledby={page.titleId}>
        {children(problems)}
        <Button variant="primary" type="submit" disabled={busy} className="auth-submit">
          <T k={page.submit} />
        </Button>
      </form>
      <p className="auth-switch">
        <T k={page.switchText} />{' '}
        <Link href={withNext(page.switchTo, search)}>
          <T k={page.switchLink} />
        </Link>
      </p>
    </section>
  )
}

/** The email input both forms ask for. */
export function EmailField({
  id,
  value,
  error,
  onChange,
}: {
  id: string
  value: string
  error: ReactNode
  onChange: (value: string) => void
}) {
  return (
    <TextField
      id={id}
      label={<T k="auth:fields.email" />}
      type="email"
      name="email"
      autoComplete="email"
      inputMode="email"
      autoCapitalize="none"
      spellCheck={false}
      required
      maxLength={254}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
    />
  )
}

/** The password input: the current one to sign in, a new one (with its rule as a hint) to sign up. */
export function PasswordField({
  id,
  isNew,
  value,
  error,
  onChange,
}: {
  id: string
  isNew: boolean
  value: string
  error: ReactNode
  onChange: (value: string) => void
}) {
  return (
    <TextField
      id={id}
      label={<T k="auth:fields.password" />}
      hint={isNew ? <T k="auth:fields.passwordHint" values={{ count: PASSWORD_MIN }} /> : undefined}
      type="password"
      name="password"
      autoComplete={isNew ? 'new-password' : 'current-password'}
      required
      minLength={isNew ? PASSWORD_MIN : undefined}
      maxLength={PASSWORD_MAX}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
    />
  )
}

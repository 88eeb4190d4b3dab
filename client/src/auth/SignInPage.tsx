import { useState } from 'react'
import { Link } from 'wouter'
import { T } from '../i18n/T'
import { useSession } from '../session/SessionContext'
import { fieldError } from './AuthErrorSummary'
import { AuthPage, EmailField, PasswordField } from './AuthPage'
import { OrganisationSignIn } from './OrganisationSignIn'

const FIELD_IDS = { email: 'sign-in-email', password: 'sign-in-password' }

/**
 * `/sign-in`: organisation sign-in buttons (when configured), then email and password;
 * afterwards back to `?next=` (or the plan list).
 */
export function SignInPage() {
  const { signIn } = useSession()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')

  return (
    <AuthPage mode="signIn" fieldIds={FIELD_IDS} values={{ email, password }} send={() => signIn(email.trim(), password)}>
      {(problems) => (
        <>
          <OrganisationSignIn />
          <EmailField id={FIELD_IDS.email} value={email} onChange={setEmail} error={fieldError(problems, 'email')} />
          <PasswordField
            id={FIELD_IDS.password}
            isNew={false}
            value={password}
            onChange={setPassword}
            error={fieldError(problems, 'password')}
          />
          <p className="auth-forgot">
            <Link href="/forgot-password">
              <T k="auth:signIn.forgotPassword" />
            </Link>
          </p>
        </>
      )}
    </AuthPage>
  )
}

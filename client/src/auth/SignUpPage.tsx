import { useState } from 'react'
import { T } from '../i18n/T'
import { useSession } from '../session/SessionContext'
import { TextField } from '../ui/Field'
import { fieldError } from './AuthErrorSummary'
import { AuthPage, EmailField, PasswordField } from './AuthPage'
import { NAME_MAX } from './authRules'

const FIELD_IDS = { name: 'sign-up-name', email: 'sign-up-email', password: 'sign-up-password' }

/** `/sign-up`: name, email and password; afterwards back to `?next=` (or the plan list). */
export function SignUpPage() {
  const { signUp } = useSession()
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')

  return (
    <AuthPage
      mode="signUp"
      fieldIds={FIELD_IDS}
      values={{ name, email, password }}
      // NFC so a name typed with combining macrons (a + ̄) is stored like one typed as ā.
      send={() => signUp(email.trim(), name.normalize('NFC').trim(), password)}
    >
      {(problems) => (
        <>
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
          <EmailField id={FIELD_IDS.email} value={email} onChange={setEmail} error={fieldError(problems, 'email')} />
          <PasswordField id={FIELD_IDS.password} isNew value={password} onChange={setPassword} error={fieldError(problems, 'password')} />
        </>
      )}
    </AuthPage>
  )
}

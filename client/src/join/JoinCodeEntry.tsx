import { normaliseJoinCode } from '@hononga/shared'
import { useState, type FormEvent } from 'react'
import { useLocation } from 'wouter'
import { T } from '../i18n/T'
import { Button } from '../ui/Button'
import { TextField } from '../ui/Field'

/** The short code typed by hand (for a phone that cannot scan): checked here, then the join page for it. */
export function JoinCodeEntry() {
  const [, navigate] = useLocation()
  const [typed, setTyped] = useState('')
  const [invalid, setInvalid] = useState(false)
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const code = normaliseJoinCode(typed)
    setInvalid(code === null)
    if (code === null) document.getElementById('join-code-input')?.focus()
    else navigate(`/join/${code}`)
  }
  return (
    <form className="card join-entry" noValidate onSubmit={handleSubmit}>
      <TextField
        id="join-code-input"
        className="join-code-field"
        label={<T k="people:huiJoin.enterLabel" />}
        hint={<T k="people:huiJoin.enterHint" />}
        error={invalid ? <T k="people:huiJoin.enterInvalid" /> : undefined}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
      />
      <Button type="submit" variant="primary">
        <T k="people:huiJoin.enterSubmit" />
      </Button>
    </form>
  )
}

import { useEffect, useId, useRef, useState } from 'react'
import { T } from '../i18n/T'
import { Button } from '../ui/Button'

type CopyState = 'idle' | 'copied' | 'selected'

/** Puts `text` on the clipboard; false when the browser refuses (plain http, old browser). */
async function copyToClipboard(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    // Undefined outside secure contexts (a hall's LAN over plain http, say).
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // Permission refused: fall through to selecting the text.
  }
  if (!input) return false
  input.focus()
  input.select()
  try {
    return document.execCommand('copy')
  } catch {
    return false
  }
}

/**
 * An invite link in a read-only field with "Copy link". The result is announced
 * (role=status): "Copied", or, where copying is not allowed, that the link is selected.
 */
export function InviteLink({ url, focusOnMount = false }: { url: string; focusOnMount?: boolean }) {
  const inputRef = useRef<HTMLInputElement>(null)
  const inputId = useId()
  const [copyState, setCopyState] = useState<CopyState>('idle')

  useEffect(() => {
    if (focusOnMount) inputRef.current?.focus()
  }, [focusOnMount])

  // Clear the message after a while, so copying again is announced again.
  useEffect(() => {
    if (copyState === 'idle') return
    const timer = setTimeout(() => setCopyState('idle'), 6000)
    return () => clearTimeout(timer)
  }, [copyState])

  async function handleCopy() {
    setCopyState('idle')
    const copied = await copyToClipboard(url, inputRef.current)
    if (!copied) {
      inputRef.current?.focus()
      inputRef.current?.select()
    }
    setCopyState(copied ? 'copied' : 'selected')
  }

  return (
    <div className="invite-link">
      <div className="field invite-link-field">
        <label htmlFor={inputId}>
          <T k="people:invite.link" />
        </label>
        <div className="invite-link-row">
          <input
            ref={inputRef}
            id={inputId}
            type="text"
            readOnly
            value={url}
            spellCheck={false}
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button onClick={() => void handleCopy()}>
            <T k="people:invite.copy" />
          </Button>
        </div>
      </div>
      <p role="status" className="copy-status">
        {copyState === 'copied' && <T k="people:invite.copied" />}
        {copyState === 'selected' && <T k="people:invite.selected" />}
      </p>
    </div>
  )
}

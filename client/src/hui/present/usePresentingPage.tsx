import { useEffect, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../ui/Button'

/** The class on <body> while presenting: present.css hides the app's header, to give the item the screen. */
const PRESENTING_CLASS = 'presenting'

/** Gives the whole window to the presentation while it is shown. */
export function usePresentingPage(): void {
  useEffect(() => {
    document.body.classList.add(PRESENTING_CLASS)
    return () => document.body.classList.remove(PRESENTING_CLASS)
  }, [])
}

function subscribeFullScreen(onChange: () => void): () => void {
  document.addEventListener('fullscreenchange', onChange)
  return () => document.removeEventListener('fullscreenchange', onChange)
}

/** Full screen for the projector (and back), where the browser allows it. */
export function FullScreenButton() {
  const { t } = useTranslation('hui')
  const full = useSyncExternalStore(subscribeFullScreen, () => document.fullscreenElement !== null)
  if (!document.fullscreenEnabled) return null
  return (
    <Button
      className="btn-small"
      aria-pressed={full}
      onClick={() => {
        // A refusal (the browser's own rules) leaves the page as it is: nothing to report.
        if (full) void document.exitFullscreen().catch(() => undefined)
        else void document.documentElement.requestFullscreen().catch(() => undefined)
      }}
    >
      {full ? t('present.exitFullScreen') : t('present.fullScreen')}
    </Button>
  )
}

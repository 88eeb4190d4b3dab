import { useEffect, useState } from 'react'

/**
 * Placeholder page until the workspace UI lands: it shows that the server is up and that
 * the client is served from it, with nothing fetched from any other host.
 */
export function App() {
  const [health, setHealth] = useState<'checking' | 'ok' | 'down'>('checking')
  useEffect(() => {
    fetch('/api/health')
      .then((response) => setHealth(response.ok ? 'ok' : 'down'))
      .catch(() => setHealth('down'))
  }, [])
  return (
    <main className="placeholder">
      <h1>Hononga</h1>
      <p>
        A shared workspace where iwi and hapū, agencies and Police agree a local plan against organised-crime harm,
        together and at the same time.
      </p>
      <p role="status">{health === 'checking' ? 'Checking the server…' : health === 'ok' ? 'The server is running.' : 'The server is not answering.'}</p>
    </main>
  )
}

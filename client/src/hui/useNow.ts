import { useEffect, useState } from 'react'

/** The time now, updated every `intervalMs` while `running` (for a countdown). */
export function useNow(running: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!running) return
    setNow(Date.now())
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs)
    return () => window.clearInterval(timer)
  }, [running, intervalMs])
  return now
}

import { pino, type Logger } from 'pino'

export type { Logger }

/**
 * Structured JSON-line logs. Library code logs through a child logger with context
 * (`planId`, `userId`, `event`), never with a bare console.log.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  })
}

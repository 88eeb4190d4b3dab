import { loadConfig } from './config'
import { createLogger } from './log'
import { startServer } from './server'

/** `pnpm start`: the server on the embedded SQLite default, stopping gracefully on SIGTERM. */
const config = loadConfig()
const log = createLogger(config.logLevel)
let running: Awaited<ReturnType<typeof startServer>>
try {
  running = await startServer(config, { log })
} catch (error) {
  // Said plainly, not as a stack trace: the usual causes are another server on this DATA_DIR or the port.
  log.fatal({ event: 'server.start_failed', err: error }, error instanceof Error ? error.message : String(error))
  process.exit(1)
}

let stopping = false
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    log.info({ event: 'server.signal', signal }, `received ${signal}`)
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.fatal({ event: 'server.stop_failed', err: error }, 'graceful stop failed')
        process.exit(1)
      },
    )
  })
}

// Every update is durable before anyone sees it, so a crash loses nothing that was shared;
// a bug in a fire-and-forget path is logged rather than taking every participant offline.
process.on('unhandledRejection', (reason) => {
  log.error({ event: 'process.unhandled_rejection', err: reason }, 'unhandled promise rejection')
})

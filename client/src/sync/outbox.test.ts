import { describe, expect, it } from 'vitest'
import { ApiError, NetworkError } from '../api/client'
import { memoryOutboxStore, Outbox, paramRef, type CommandSender, type OutboxCommand, type OutboxConnection } from './outbox'

/**
 * The outbox's rules, with the server's answers scripted: sent only when saved, in order, one
 * at a time; kept and retried on network trouble; refused on a 4xx and kept until dismissed;
 * kept on the device across reloads. (The browser test tests/e2e/outbox.test.ts runs it
 * against the real server.)
 */

class Connection implements OutboxConnection {
  kind = 'offline'
  private readonly listeners = new Set<() => void>()
  getState = () => ({ kind: this.kind })
  subscribe = (listener: () => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }
  set(kind: string) {
    this.kind = kind
    for (const listener of this.listeners) listener()
  }
}

/** A server whose answers the test decides, one per call, recording what arrived. */
function scriptedServer(answers: ((command: OutboxCommand) => unknown)[] = []) {
  const received: { key: string; name: string; params: Record<string, string>; at: number }[] = []
  let inFlight = 0
  let maxInFlight = 0
  const send: CommandSender = async (command, params) => {
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    received.push({ key: command.key, name: command.name, params: { ...params }, at: Date.now() })
    await new Promise((resolve) => setTimeout(resolve, 2))
    inFlight--
    const answer = answers.shift()
    return answer ? answer(command) : { id: `server-${command.key}` }
  }
  return { send, received, maxInFlight: () => maxInFlight }
}

async function until(check: () => boolean, message: string, timeoutMs = 3_000): Promise<void> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out: ${message}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

const park = (text: string) => ({ name: 'park' as const, body: { text }, summary: { key: 'summary.park' as const, values: { text } } })

describe('Outbox', () => {
  it('sends nothing until the plan is saved, then everything in order, one at a time', async () => {
    const connection = new Connection()
    const server = scriptedServer()
    const outbox = new Outbox({ planId: 'p', store: memoryOutboxStore(), connection, send: server.send })
    const made = [await outbox.enqueue(park('one')), await outbox.enqueue(park('two')), await outbox.enqueue(park('three'))]
    connection.set('saving')
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(server.received).toEqual([])
    expect(outbox.getSnapshot().map((c) => c.status)).toEqual(['pending', 'pending', 'pending'])

    connection.set('saved')
    await until(() => outbox.getSnapshot().length === 0, 'all sent')
    expect(server.received.map((r) => r.key)).toEqual(made.map((c) => c.key))
    expect(server.maxInFlight()).toBe(1)
    outbox.destroy()
  })

  it('keeps a command through network trouble and 5xx, and sends it again with the same key', async () => {
    const connection = new Connection()
    connection.kind = 'saved'
    const server = scriptedServer([
      () => {
        throw new NetworkError()
      },
      () => {
        throw new ApiError(503, 'plan_unavailable', 'Try again')
      },
    ])
    const outbox = new Outbox({ planId: 'p', store: memoryOutboxStore(), connection, send: server.send, retryBaseMs: 10 })
    const command = await outbox.enqueue(park('kept'))
    await until(() => outbox.getSnapshot().length === 0, 'sent in the end')
    expect(server.received.map((r) => r.key)).toEqual([command.key, command.key, command.key])
    outbox.destroy()
  })

  it('waits as long as the server asks (Retry-After) on 429', async () => {
    const connection = new Connection()
    connection.kind = 'saved'
    const server = scriptedServer([
      () => {
        throw new ApiError(429, 'rate_limited', 'Slow down', 150)
      },
    ])
    const outbox = new Outbox({ planId: 'p', store: memoryOutboxStore(), connection, send: server.send, retryBaseMs: 1 })
    await outbox.enqueue(park('patient'))
    await until(() => outbox.getSnapshot().length === 0, 'sent after waiting')
    expect(server.received[1]!.at - server.received[0]!.at).toBeGreaterThanOrEqual(140)
    outbox.destroy()
  })

  it('marks a 4xx refused with the reason, keeps it until dismissed, and sends what came after', async () => {
    const connection = new Connection()
    connection.kind = 'saved'
    const server = scriptedServer([
      () => {
        throw new ApiError(403, 'forbidden', 'Only members who speak for their partner can record its position')
      },
    ])
    const store = memoryOutboxStore()
    const outbox = new Outbox({ planId: 'p', store, connection, send: server.send })
    const refused = await outbox.enqueue(park('refused'))
    await outbox.enqueue(park('after'))
    await until(() => server.received.length === 2 && outbox.getSnapshot().length === 1, 'the later one sent')
    const [kept] = outbox.getSnapshot()
    expect(kept).toMatchObject({
      key: refused.key,
      status: 'refused',
      refusal: { status: 403, code: 'forbidden', message: 'Only members who speak for their partner can record its position' },
    })
    expect(store.commands.get(refused.key)?.status).toBe('refused')

    await outbox.dismiss(refused.key)
    expect(outbox.getSnapshot()).toEqual([])
    expect(store.commands.size).toBe(0)
    outbox.destroy()
  })

  it('keeps commands on the device: a new outbox (a reload) finds them, keys and order unchanged', async () => {
    const connection = new Connection()
    const store = memoryOutboxStore()
    const before = new Outbox({ planId: 'p', store, connection })
    const made = [await before.enqueue(park('first')), await before.enqueue(park('second'))]
    before.destroy()

    const server = scriptedServer()
    const after = new Outbox({ planId: 'p', store, connection, send: server.send })
    await after.ready
    expect(after.getSnapshot().map((c) => c.key)).toEqual(made.map((c) => c.key))
    connection.set('saved')
    await until(() => after.getSnapshot().length === 0, 'sent after the reload')
    expect(server.received.map((r) => r.key)).toEqual(made.map((c) => c.key))
    after.destroy()
  })

  it('fills in the id an earlier command created, and refuses what builds on a refused one', async () => {
    const connection = new Connection()
    connection.kind = 'saved'
    const server = scriptedServer([
      () => ({ id: 'thread-from-server' }),
      () => ({ id: 'reply-1' }),
      () => {
        throw new ApiError(404, 'not_found', 'No such item')
      },
    ])
    const outbox = new Outbox({ planId: 'p', store: memoryOutboxStore(), connection, send: server.send })
    const thread = {
      name: 'startThread' as const,
      key: 'legacy-thread-1',
      body: { target: { kind: 'plan', id: 'p' }, body: 'Kia ora' },
      summary: { key: 'summary.startThread' as const },
    }
    const reply = {
      name: 'reply' as const,
      key: 'legacy-reply-1',
      params: { threadId: paramRef('legacy-thread-1') },
      body: { body: 'Kei te pai' },
      summary: { key: 'summary.reply' as const },
    }
    const lost = {
      name: 'startThread' as const,
      key: 'legacy-thread-2',
      body: { target: { kind: 'plan', id: 'p' }, body: 'Gone' },
      summary: { key: 'summary.startThread' as const },
    }
    const orphan = {
      name: 'reply' as const,
      key: 'legacy-reply-2',
      params: { threadId: paramRef('legacy-thread-2') },
      body: { body: 'Orphan' },
      summary: { key: 'summary.reply' as const },
    }
    for (const command of [thread, reply, lost, orphan]) await outbox.enqueue(command)
    await until(() => outbox.getSnapshot().every((c) => c.status === 'refused'), 'settled')
    expect(server.received.find((r) => r.key === 'legacy-reply-1')?.params).toEqual({ threadId: 'thread-from-server' })
    expect(server.received.map((r) => r.key)).not.toContain('legacy-reply-2')
    expect(outbox.getSnapshot().map((c) => [c.key, c.refusal?.code])).toEqual([
      ['legacy-thread-2', 'not_found'],
      ['legacy-reply-2', 'depends_on_refused'],
    ])
    outbox.destroy()
  })

  it('refuses to queue the hui controls, which need a connection', async () => {
    const outbox = new Outbox({ planId: 'p', store: memoryOutboxStore(), connection: new Connection() })
    // @ts-expect-error huiStart is not queueable
    await expect(outbox.enqueue({ name: 'huiStart', summary: { key: 'summary.park' } })).rejects.toThrow(/needs a connection/)
    outbox.destroy()
  })
})

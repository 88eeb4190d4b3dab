import { describe, expect, it } from 'vitest'
import type { OutboxCommand } from './outboxCommand'
import { readOutboxCommand } from './outboxStore'

const command: OutboxCommand = {
  key: 'key-00000001',
  name: 'reply',
  params: { threadId: '@outbox:key-00000000' },
  body: { body: 'Kei te pai' },
  summary: { key: 'summary.reply', values: { text: 'Kei te pai' } },
  createdAt: 1_700_000_000_000,
  seq: 3,
  status: 'refused',
  refusal: { status: 403, code: 'forbidden', message: 'No' },
}

describe('readOutboxCommand (what the device kept, read back)', () => {
  it('reads back a command as it was kept (through the structured clone IndexedDB makes)', () => {
    expect(readOutboxCommand(structuredClone(command))).toEqual(command)
    const { refusal: _refusal, body: _body, ...pending } = { ...command, status: 'pending' as const }
    expect(readOutboxCommand(pending)).toEqual(pending)
  })

  it('refuses records it cannot trust', () => {
    expect(readOutboxCommand(null)).toBeNull()
    expect(readOutboxCommand([command])).toBeNull()
    expect(readOutboxCommand({ ...command, key: 7 })).toBeNull()
    expect(readOutboxCommand({ ...command, name: 'dropTables' })).toBeNull()
    // A command that needs a connection never waits in the outbox.
    expect(readOutboxCommand({ ...command, name: 'huiStart' })).toBeNull()
    expect(readOutboxCommand({ ...command, name: 'toString' })).toBeNull()
    expect(readOutboxCommand({ ...command, status: 'sent' })).toBeNull()
    expect(readOutboxCommand({ ...command, params: { threadId: 5 } })).toBeNull()
    expect(readOutboxCommand({ ...command, summary: { key: 'summary.noSuchCommand' } })).toBeNull()
    expect(readOutboxCommand({ ...command, summary: { key: 'summary.reply', values: { text: {} } } })).toBeNull()
    expect(readOutboxCommand({ ...command, refusal: { status: '403' } })).toBeNull()
    expect(readOutboxCommand({ ...command, createdAt: '2026-01-01' })).toBeNull()
  })
})

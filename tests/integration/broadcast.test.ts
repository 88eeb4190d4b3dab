import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { getEnvironment, MessageType, SyncMessageType } from '@hononga/shared'
import { facilitatorWithPlan, type ApiClient } from './support/api'
import { frame, RawSocket } from './support/raw-socket'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'

let server: Awaited<ReturnType<typeof inProcessServer>>
let api: ApiClient
let planId: string
beforeAll(async () => {
  server = await inProcessServer()
  ;({ api, planId } = await facilitatorWithPlan(server.url))
})
afterAll(async () => {
  await server.close()
})

const open = async () => {
  const socket = new RawSocket(`${server.wsUrl}/${planId}`, { cookie: api.cookie!, origin: server.url })
  await socket.opened
  await waitFor(() => socket.messages.length > 0, { message: 'sync step 1' })
  return socket
}

/** Payloads of the sync updates (not the initial sync) a socket received. */
const updatesOf = (socket: RawSocket) =>
  socket.messages.flatMap((message) => {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== MessageType.Sync || decoding.readVarUint(decoder) !== SyncMessageType.Update) return []
    return [decoding.readVarUint8Array(decoder)]
  })

/** Awareness updates a socket received. */
const presenceOf = (socket: RawSocket) =>
  socket.messages.flatMap((message) => {
    const decoder = decoding.createDecoder(message)
    return decoding.readVarUint(decoder) === MessageType.Awareness ? [decoding.readVarUint8Array(decoder)] : []
  })

describe('broadcast under load', () => {
  it('sends the edits stored in one write as one merged update, and nothing is lost', async () => {
    const sender = await open()
    const other = await open()
    const observer = await open()
    // Two participants each type 40 characters at once: the server reads them in one turn.
    const writers = [new Y.Doc(), new Y.Doc()]
    const sent: Uint8Array[][] = writers.map((doc) => {
      const updates: Uint8Array[] = []
      doc.on('update', (update: Uint8Array) => updates.push(update))
      const paragraph = new Y.XmlElement('paragraph')
      const text = new Y.XmlText()
      paragraph.insert(0, [text])
      getEnvironment(doc).insert(0, [paragraph])
      for (let i = 0; i < 40; i++) text.insert(i, String.fromCharCode(97 + (i % 26)))
      return updates
    })
    for (let i = 0; i < sent[0]!.length; i++) {
      sender.send(frame(MessageType.Sync, SyncMessageType.Update, sent[0]![i]!))
      other.send(frame(MessageType.Sync, SyncMessageType.Update, sent[1]![i]!))
    }
    const total = sent[0]!.length + sent[1]!.length
    const seen = new Y.Doc()
    const complete = () => {
      for (const update of updatesOf(observer)) Y.applyUpdate(seen, update)
      return writers.every((doc) => {
        const sv = Y.decodeStateVector(Y.encodeStateVector(seen))
        return (sv.get(doc.clientID) ?? 0) === Y.getState(doc.store, doc.clientID)
      })
    }
    await waitFor(complete, { message: 'every edit at the observer' })
    // Fewer frames than edits: what one write stored went out merged.
    expect(updatesOf(observer).length).toBeLessThan(total)
    expect(getEnvironment(seen).toString()).toContain('abcdefghijklmnopqrstuvwxyzabcdefghijklmn')
    sender.close()
    other.close()
    observer.close()
  })

  it('gathers quick presence changes into fewer messages, ending at the latest state', async () => {
    const mover = await open()
    const observer = await open()
    const doc = new Y.Doc()
    const awareness = new awarenessProtocol.Awareness(doc)
    for (let caret = 1; caret <= 10; caret++) {
      awareness.setLocalState({ user: { color: '#30bced' }, caret })
      mover.send(frame(MessageType.Awareness, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])))
    }
    const seen = new awarenessProtocol.Awareness(new Y.Doc())
    const latest = () => {
      for (const update of presenceOf(observer)) awarenessProtocol.applyAwarenessUpdate(seen, update, 'server')
      return (seen.getStates().get(doc.clientID) as { caret?: number } | undefined)?.caret === 10
    }
    await waitFor(latest, { message: 'the latest caret at the observer' })
    expect(presenceOf(observer).length).toBeLessThan(10)
    awareness.destroy()
    mover.close()
    observer.close()
  })
})

/**
 * Peer under test: Hocuspocus v4 set up as its documentation sets up a single-instance
 * server that keeps documents: the `Server` class with `@hocuspocus/extension-sqlite`
 * writing to a file, and every other setting at its default. Those defaults are what makes
 * it a lazy persister: `onStoreDocument` runs 2 s after the last change (`debounce`) and at
 * least every 10 s while changes keep coming (`maxDebounce`), storing the whole document;
 * a document leaves memory when its last connection closes (`unloadImmediately`), after
 * that store; broadcasts are coalesced per event-loop turn (`flushDelay: 0`).
 *
 * Two additions, neither on the path of an edit:
 *  - `onAuthenticate` compares the client's token with TOKEN, standing in for the JWT check
 *    a deployment does there (Hononga checks a session on every upgrade too);
 *  - `GET /metrics` reports the documents and connections in memory, for the churn scenario.
 *
 * Env: PORT (0 = any), DB_FILE (the SQLite file), TOKEN. Prints one JSON line when listening.
 * Run with plain `node`, as a deployment would.
 */
import { SQLite } from '@hocuspocus/extension-sqlite'
import { Server } from '@hocuspocus/server'

const server = new Server({
  port: Number(process.env.PORT ?? 0),
  address: '127.0.0.1',
  quiet: true,
  extensions: [new SQLite({ database: process.env.DB_FILE })],
  async onAuthenticate({ token }) {
    if (token !== process.env.TOKEN) throw new Error('not authorised')
  },
  async onRequest({ request, response, instance }) {
    if (request.url !== '/metrics') return
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ docs: instance.getDocumentsCount(), sockets: instance.getConnectionsCount() }))
    // Rejecting without an error is how an onRequest hook stops the default response.
    return Promise.reject()
  },
})

await server.listen()
console.log(JSON.stringify({ event: 'listening', port: server.address.port }))

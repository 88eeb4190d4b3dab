/**
 * Peer under test: @y/websocket-server 0.1.1 run as shipped, i.e. its own `server.js` (the
 * `y-websocket` bin): a plain HTTP server whose upgrades go to `setupWSConnection`, with the
 * `ws` version the package itself depends on, and no persistence (YPERSISTENCE unset), so
 * every document lives in memory only and is never unloaded. The one addition, not on the
 * path of an edit: `GET /metrics` reports the documents and sockets in memory.
 *
 * Env: PORT (0 = any). Prints one JSON line when listening. Run with plain `node`.
 */
import http from 'node:http'
import { createRequire } from 'node:module'
import { docs, setupWSConnection } from '@y/websocket-server/utils'

// The `ws` that @y/websocket-server resolves (6.x), as `npx y-websocket` runs it.
const require = createRequire(import.meta.resolve('@y/websocket-server/utils'))
const WebSocket = require('ws')

const wss = new WebSocket.Server({ noServer: true })

const server = http.createServer((request, response) => {
  if (request.url === '/metrics') {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ docs: docs.size, sockets: wss.clients.size }))
    return
  }
  response.writeHead(200, { 'Content-Type': 'text/plain' })
  response.end('okay')
})

wss.on('connection', setupWSConnection)

server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => {
    wss.emit('connection', ws, request)
  })
})

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ event: 'listening', port: server.address().port }))
})

/**
 * The payment simulator on its own port: `createSimulator()` for tests, benchmarks and the CLI.
 *
 * @example
 * const sim = await createSimulator({ speed: 50, statusIntervalMs: 200, quiet: true })
 * // sim.url === 'http://127.0.0.1:41234', sim.wsUrl === 'ws://127.0.0.1:41234/ws/payment-monitor'
 * await sim.close()
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WS_PATH } from '../src/core/protocol/messages.js'
import { createSimulatorApp, type SimulatorApp, type SimulatorAppOptions } from './app.js'
import type { ChannelState } from './channelState.js'
import type { CreateChannelOptions } from './channelStore.js'

export interface SimulatorOptions extends SimulatorAppOptions {
  /**
   * Port to listen on; 0 picks a free one.
   * @default 0
   */
  port?: number
  /**
   * Interface to listen on. Keep it on loopback: the admin routes assume it.
   * @default '127.0.0.1'
   */
  host?: string
}

export interface Simulator {
  /** `http://127.0.0.1:<port>`: the REST origin (and admin routes). */
  readonly url: string
  /** `ws://127.0.0.1:<port>/ws/payment-monitor` */
  readonly wsUrl: string
  readonly port: number
  /** The store, faults, log and sockets, for tests that reach in directly. */
  readonly app: SimulatorApp
  /** Shorthand for `app.store.create` (default mode `manual`: moves only when told). */
  createChannel(options?: CreateChannelOptions): ChannelState
  /** Closes every socket (1001), hanging handshake, HTTP connection and timer, then the port. */
  close(): Promise<void>
}

/** Starts a simulator and resolves once it listens. */
export async function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1'
  const app = createSimulatorApp(options)
  const server: Server = createServer((req, res) => {
    if (app.handleRequest(req, res)) return
    res.statusCode = 404
    res.setHeader('Content-Type', 'text/plain; charset=utf-8')
    res.end('Not found: this is the DLUX payment simulator\n')
  })
  server.on('upgrade', (req, socket, head) => {
    if (app.handleUpgrade(req, socket, head)) return
    // No other socket lives on this port.
    socket.on('error', () => socket.destroy())
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
  })
  // A client that resets a connection must not crash the process.
  server.on('clientError', (_error, socket) => socket.destroy())

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const hostInUrl = host.includes(':') ? `[${host}]` : host
  const url = `http://${hostInUrl}:${port}`
  app.log.add({ kind: 'listening', detail: url })

  let closed: Promise<void> | null = null
  return {
    url,
    wsUrl: `ws://${hostInUrl}:${port}${WS_PATH}`,
    port,
    app,
    createChannel: (channelOptions) => app.store.create(channelOptions),
    close() {
      closed ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        await app.close()
        // Keep-alive connections (fetch keeps them) would hold close() open otherwise.
        server.closeAllConnections()
        await stopped
      })()
      return closed
    },
  }
}

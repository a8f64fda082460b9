/**
 * The production socket server (api/wsmonitor.js of a dluxio/docker-data checkout) in a child Node
 * process, run from the checkout unchanged. What it requires beyond `ws` is answered by stubs
 * written to a temporary folder, and only for requests made by wsmonitor.js itself:
 *
 * - `pg`: a Pool whose client answers `SELECT * FROM payment_channels WHERE channel_id = $1` with
 *   the run's one channel (channel.ts) and no rows for any other id; writes answer rowCount 0.
 * - `../config`: `{ dbcs }`, the only field wsmonitor.js reads (the Pool's connection string).
 * - `./device-connection-ws`: a `deviceConnectionWS` that handles no message (`handleMessage`
 *   answers false, so every frame reaches the payment monitor), and no-op `initialize`,
 *   `removeClient`, `shutdown`.
 * - `./blockchain-monitor`: `manualVerifyTransaction` answering "not verified" (only `payment_sent`
 *   reaches it, which the run never sends).
 *
 * `ws` is this repository's copy. The launcher attaches the monitor the way the production
 * index.js does (`new PaymentChannelMonitor().initialize(httpServer)`, then `listen`), on
 * 127.0.0.1 only; the HTTP server answers 404 to plain requests (production's Express routes are
 * not part of this process).
 */
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { spawnManaged, waitUntil, type ManagedProcess } from '../../tools/processes/managed'
import type { ChannelRow } from './channel'

const LAUNCHER = String.raw`'use strict'
const http = require('node:http')
const Module = require('node:module')
const [given, stubsJson, port] = process.argv.slice(2)
// Module filenames are real paths: compare with the real path of the file we were given.
const wsmonitorFile = require('node:fs').realpathSync(given)
const stubs = JSON.parse(stubsJson)
const resolve = Module._resolveFilename
Module._resolveFilename = function (request, parent, ...rest) {
  if (parent && parent.filename === wsmonitorFile && Object.hasOwn(stubs, request)) return stubs[request]
  return resolve.call(this, request, parent, ...rest)
}
const { PaymentChannelMonitor } = require(wsmonitorFile)
const server = http.createServer((req, res) => res.writeHead(404).end())
new PaymentChannelMonitor().initialize(server)
server.listen(Number(port), '127.0.0.1', () => console.log('wsmonitor listening at ' + Date.now()))
`

function fakePg(row: ChannelRow): string {
  return String.raw`'use strict'
const ROW = JSON.parse(${JSON.stringify(JSON.stringify(row))})
for (const key of Object.keys(ROW)) if (key.endsWith('_at') && ROW[key] !== null) ROW[key] = new Date(ROW[key])
let queries = 0
async function query(sql, params = []) {
  queries += 1
  const text = String(sql).replace(/\s+/g, ' ').trim()
  if (/^SELECT \* FROM payment_channels WHERE channel_id = \$1$/i.test(text)) {
    return { rows: params[0] === ROW.channel_id ? [{ ...ROW }] : [], rowCount: params[0] === ROW.channel_id ? 1 : 0 }
  }
  console.log('[fake pg] unanswered query: ' + text)
  return { rows: [], rowCount: 0 }
}
class Pool {
  async connect() { return { query, release() {} } }
  query(sql, params) { return query(sql, params) }
  on() { return this }
  async end() {}
}
module.exports = { Pool, queryCount: () => queries }
`
}

const CONFIG = `'use strict'\nmodule.exports = { dbcs: 'postgres://stub@127.0.0.1/none' }\n`
const DEVICE_CONNECTION_WS = `'use strict'
const deviceConnectionWS = {
  wss: null,
  initialize(wss) { this.wss = wss },
  async handleMessage() { return false },
  removeClient() {},
  shutdown() {},
}
module.exports = { deviceConnectionWS }
`
const BLOCKCHAIN_MONITOR = `'use strict'\nmodule.exports = { async manualVerifyTransaction() { return { success: false } } }\n`

export interface ProductionSocket {
  readonly port: number
  /** The running process, or null while it is down. */
  readonly current: ManagedProcess | null
  /** Starts it; resolves with the wall-clock ms at which it was listening. */
  start(): Promise<number>
  /** SIGKILL by PID: no close frame, no goodbye; resolves once it has exited. */
  kill(): Promise<void>
  /** Everything every process so far wrote. */
  output(): string
  stop(): Promise<void>
}

/** Writes the launcher and the stubs into `dir`; `repoRoot` is where our `ws` is resolved from. */
export function productionSocket(wsmonitorFile: string, dir: string, port: number, row: ChannelRow, repoRoot: string): ProductionSocket {
  const file = (name: string, text: string): string => {
    const full = path.join(dir, name)
    writeFileSync(full, text)
    return full
  }
  const launcher = file('launch-wsmonitor.cjs', LAUNCHER)
  const stubs = {
    pg: file('fake-pg.cjs', fakePg(row)),
    '../config': file('config.cjs', CONFIG),
    './device-connection-ws': file('device-connection-ws.cjs', DEVICE_CONNECTION_WS),
    './blockchain-monitor': file('blockchain-monitor.cjs', BLOCKCHAIN_MONITOR),
    ws: createRequire(path.join(repoRoot, 'package.json')).resolve('ws'),
  }
  let current: ManagedProcess | null = null
  let previousOutput = ''
  let generation = 0
  return {
    port,
    get current() {
      return current
    },
    async start() {
      if (current) throw new Error('the production socket server is already running')
      generation += 1
      const proc = spawnManaged(`wsmonitor #${generation}`, process.execPath, [launcher, wsmonitorFile, JSON.stringify(stubs), String(port)], {
        cwd: path.dirname(wsmonitorFile),
        env: { ...process.env, NODE_ENV: 'production' },
      })
      current = proc
      let listeningAt = 0
      await waitUntil('the production socket server to listen', () => {
        if (proc.child.exitCode !== null) throw new Error(`wsmonitor.js exited (${proc.child.exitCode}):\n${proc.output()}`)
        listeningAt = Number(/wsmonitor listening at (\d+)/.exec(proc.output())?.[1] ?? 0)
        return listeningAt > 0
      }, { timeoutMs: 15_000, everyMs: 20 })
      return listeningAt
    },
    async kill() {
      const proc = current
      if (!proc) return
      process.kill(proc.pid, 'SIGKILL')
      await proc.exited
      previousOutput += proc.output()
      current = null
    },
    output: () => previousOutput + (current?.output() ?? ''),
    async stop() {
      if (current) await current.stop(2000)
      current = null
    },
  }
}

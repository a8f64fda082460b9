/**
 * Who may open the payment socket: the production Origin allow-list, and the plain HTTP answer
 * written instead of the 101 when an upgrade is refused.
 */
import type { Duplex } from 'node:stream'
import type { HttpRefusal } from './http.js'

/** Origins the production server accepts exactly. */
const PRODUCTION_ORIGINS = ['https://dlux.io', 'https://www.dlux.io', 'https://vue.dlux.io', 'https://data.dlux.io']

/**
 * The production allow-list (exact origins, plus a *substring* test for `localhost`, as the real
 * server does it), widened by the simulator to loopback IPs so tests on 127.0.0.1 can connect.
 * No Origin at all (Node clients, tools) is allowed, as in production.
 */
export function isOriginAllowed(origin: string | undefined): boolean {
  if (origin === undefined) return true
  if (PRODUCTION_ORIGINS.includes(origin)) return true
  if (origin.includes('localhost')) return true
  return /^https?:\/\/(127\.0\.0\.1|\[::1\])(:\d{1,5})?$/.test(origin)
}

/** Writes an HTTP answer on a raw socket instead of the 101, then closes it. */
export function refuseUpgrade(socket: Duplex, refusal: HttpRefusal): void {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const headers: Record<string, string | number> = {
    Connection: 'close',
    'Content-Type': 'text/html',
    'Content-Length': Buffer.byteLength(refusal.body),
    ...refusal.headers,
  }
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')
  socket.once('finish', () => socket.destroy())
  socket.end(`HTTP/1.1 ${refusal.status} ${refusal.statusText}\r\n${head}\r\n${refusal.body}`)
}

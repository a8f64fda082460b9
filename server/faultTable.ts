/**
 * Every fault the simulator can inject, each a small named unit in one table: the only place
 * faults are defined. What each hook means is in server/faultHooks.ts.
 */
import type { Fault } from './faultHooks.js'
import type { HttpRefusal } from './http.js'

function proxyPage(status: number, statusText: string): string {
  const title = `${status} ${statusText}`
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
}

/** An HTML error page as a reverse proxy would send it. */
export function proxyRefusal(status: number, statusText: string, headers?: Record<string, string>): HttpRefusal {
  return { status, statusText, headers, body: proxyPage(status, statusText) }
}

/** The message the malformed-frames fault puts in every status update: must show as text. */
export const XSS_MESSAGE = '<img src=x onerror="window.__pwned=1">'
export const XSS_DETAILS =
  '<b>bold?</b><script>window.__pwned=2</script><a href="javascript:window.__pwned=3">click</a>'

/** Frames a client must drop (or quietly ignore), in the order they are sent. */
function malformedBurst(channelId: string): Array<string | Uint8Array> {
  return [
    '{"type":"status_update","channelId":', // truncated JSON
    'not json at all',
    'null',
    '[1,2,3]',
    '"a bare string"',
    // The same socket carries another feature's messages: unknown types must be ignored quietly.
    JSON.stringify({ type: 'device_pairing_request', deviceId: 'dev-1', timestamp: new Date().toISOString() }),
    JSON.stringify({ type: 'totally_unknown_type' }),
    JSON.stringify({ type: 'status_update', channelId: 12345, status: ['confirming'], progress: '50', channel: 'nope' }),
    JSON.stringify({
      type: 'status_update',
      channelId,
      status: 'confirming',
      progress: 'half',
      channel: { confirmations: 'two', amountCrypto: '0.1', isExpired: 'no', txHash: 42 },
    }),
    JSON.stringify({ type: 'status_update', channelId, status: 42 }),
    JSON.stringify({ type: 'pong', timestamp: 42 }),
    JSON.stringify({ type: 'error', message: { nested: true } }),
    // Well-formed, but for another channel: a client must not apply it to its own.
    JSON.stringify({ type: 'status_update', channelId: 'f'.repeat(32), status: 'completed', progress: 100 }),
    // Over 256 KiB: a client should refuse to parse or keep it.
    JSON.stringify({ type: 'status_update', channelId, status: 'confirming', message: 'x'.repeat(300 * 1024) }),
    new Uint8Array([0x7b, 0x7d, 0x00, 0xff]), // a binary frame
  ]
}

/** Polls `poll-503-then-ok` has refused, per channel; reset each time the fault is switched on. */
const refusedPolls = new Map<string, number>()
/** How many polls of a channel `poll-503-then-ok` refuses. */
export const POLLS_REFUSED_AT_START = 3

/** The fault table: name → behaviour. The only place faults are defined. */
export const FAULTS = {
  'refuse-upgrade': {
    summary: 'The WebSocket upgrade is refused like a misconfigured proxy would: HTTP 502 before upgrade (browser: error, then 1006, never open).',
    globalOnly: true,
    upgrade: () => ({ kind: 'refuse', refusal: proxyRefusal(502, 'Bad Gateway') }),
  },
  'cut-after-welcome': {
    summary: 'The production flap: welcome sent, then the TCP socket is destroyed without a close frame about 80 ms later (browser: 1006). Per channel: 80 ms after the subscribe.',
    globalOnly: false,
    socket: (socket, timings) => socket.cut(timings.cutAfterWelcomeMs),
  },
  'hang-handshake': {
    summary: 'The upgrade request is never answered; the client handshake hangs until it gives up.',
    globalOnly: true,
    upgrade: () => ({ kind: 'hang' }),
  },
  silent: {
    summary: 'The socket stays open and welcomed, then never sends another frame, pongs included (a half-dead connection). Per channel: silent from the subscribe on.',
    globalOnly: false,
    socket: (socket) => socket.mute(),
  },
  restart: {
    summary: 'Every socket is closed with 1012 (Service Restart) and upgrades are refused with 503 for restartMs (default 3 s); then the fault heals itself.',
    globalOnly: true,
    upgrade: () => ({ kind: 'refuse', refusal: proxyRefusal(503, 'Service Unavailable', { 'Retry-After': '3' }) }),
    activate(host, timings) {
      host.closeAllSockets(1012, 'Service Restart')
      return timings.restartMs
    },
  },
  'malformed-frames': {
    summary: 'After each subscribe answer: invalid JSON, unknown types, wrong-typed fields, a frame for another channel, a >256 KiB frame, a binary frame; and every status_update carries HTML (an <img onerror> message, <script> in details).',
    globalOnly: false,
    burst: malformedBurst,
    frame: (frame) => ({ ...frame, message: XSS_MESSAGE, details: XSS_DETAILS }),
  },
  'slow-poll': {
    summary: 'Status poll answers are held for slowPollMs (default 3 s).',
    globalOnly: false,
    poll: (timings) => ({ delayMs: timings.slowPollMs }),
  },
  'poll-5xx': {
    summary: 'Status polls get 503 with an HTML body and Retry-After: 2 (CORS headers kept, so the page can read Retry-After).',
    globalOnly: false,
    poll: () => ({ refusal: proxyRefusal(503, 'Service Unavailable', { 'Retry-After': '2' }) }),
  },
  'mute-status': {
    summary: 'The socket stays open and answers pings, but sends no status_update any more, not even the answer to a subscribe (a server that lost the channel\'s subscription). Polls still answer.',
    globalOnly: false,
    frame: () => null,
  },
  'poll-503-then-ok': {
    summary: 'The first three status polls of each channel get 503 with an HTML body and Retry-After: 1 (an API still restarting); later polls are answered normally.',
    globalOnly: false,
    poll(_timings, channelId) {
      const refused = refusedPolls.get(channelId) ?? 0
      if (refused >= POLLS_REFUSED_AT_START) return {}
      refusedPolls.set(channelId, refused + 1)
      return { refusal: proxyRefusal(503, 'Service Unavailable', { 'Retry-After': '1' }) }
    },
    activate() {
      refusedPolls.clear()
    },
  },
  'unknown-channel': {
    summary: 'Every channel looks unknown: polls get 404 and subscribers get "Payment channel not found" (repeated every status interval).',
    globalOnly: false,
    view: () => null,
  },
  expired: {
    summary: 'The channel reports expired: stored status pending with an expiry in the past (socket status "expired").',
    globalOnly: false,
    view: (state, now) => ({ ...state, status: 'pending', expiresAt: Math.min(state.expiresAt, now - 60_000) }),
  },
  'out-of-order-polls': {
    summary: 'Poll answers carry the snapshot before the current one and are held for outOfOrderDelayMs (default 1.5 s), so they arrive after newer socket updates.',
    globalOnly: false,
    poll: (timings) => ({ delayMs: timings.outOfOrderDelayMs, snapshot: 'previous' }),
  },
} satisfies Record<string, Fault>

export type FaultName = keyof typeof FAULTS

export const FAULT_NAMES = Object.keys(FAULTS) as FaultName[]

export function isFaultName(value: unknown): value is FaultName {
  return typeof value === 'string' && Object.hasOwn(FAULTS, value)
}

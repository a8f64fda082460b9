/** WebSocket close codes: the ones this client sends, and what any code means in words a developer can act on. */

/** Close codes the client may send (1000 or 3000–4999). */
export const CLIENT_CLOSE = {
  normal: 1000,
  connectTimeout: 4000,
  heartbeatTimeout: 4001,
  noStatus: 4002,
} as const

const MEANINGS: Record<number, string> = {
  1000: 'Normal closure',
  1001: 'Going away (server shutting down or page navigating away)',
  1002: 'Protocol error',
  1003: 'Unsupported data',
  1005: 'No status code in the close frame',
  1006: 'Abnormal closure: no close frame (proxy, load balancer, firewall or network cut the connection)',
  1007: 'Invalid frame payload data',
  1008: 'Policy violation',
  1009: 'Message too big',
  1010: 'Missing extension',
  1011: 'Internal server error',
  1012: 'Service restart',
  1013: 'Try again later',
  1014: 'Bad gateway',
  1015: 'TLS handshake failure',
}

export function closeCodeMeaning(code: number): string {
  const known = MEANINGS[code]
  if (known) return known
  if (code >= 3000 && code <= 3999) return 'Library or framework defined'
  if (code >= 4000 && code <= 4999) return 'Application defined'
  return 'Unknown close code'
}

/** `1006 (Abnormal closure: …)` */
export function describeCloseCode(code: number): string {
  return `${code} (${closeCodeMeaning(code)})`
}

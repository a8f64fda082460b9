/**
 * The support report: everything the diagnostics panel shows, as Markdown a person can paste into
 * an issue or a chat. Nothing secret goes in: addresses, transaction hashes, keys and the channel
 * id are shortened, URLs lose their query and credentials.
 */
import type { MonitorSnapshot } from '../machine/snapshot'
import type { SocketAttempt } from '../transports/socketAttempt'
import { formatMs as ms, formatRelative as relative, shorten, shortenChannelId } from '../format'
import { describeCloseCode } from '../protocol/closeCodes'
import type { ConnectionTestResult } from './connectionTest'
import { blockedEndpoints } from './mixedContent'
import { hintsFor } from './hints'
import { verdictLine } from './verdict'

export interface ReportEnv {
  /** Browser clock, epoch ms. */
  now: number
  /** e.g. `https://vue.dlux.io` */
  pageOrigin: string | null
  /** e.g. `https:` */
  pageProtocol: string | null
  userAgent: string | null
  /** Whether the page runs inside an iframe. */
  embedded?: boolean
}

export const REPORT_EVENT_LIMIT = 50



/**
 * Long runs of letters and digits (addresses, hashes, keys, signatures, ids) are shortened, and the
 * channel id wherever it appears.
 */
export function maskText(text: string, channelId: string | null): string {
  let out = text
  if (channelId) out = out.split(channelId).join(shortenChannelId(channelId))
  return out.replace(/(?:0x)?[A-Za-z0-9]{20,}/g, (token) => shorten(token))
}

/** Origin and path only: no credentials, query or fragment. */
export function sanitizeUrl(raw: string): string {
  try {
    const url = new URL(raw)
    return `${url.protocol}//${url.host}${url.pathname}`
  } catch {
    return '(unreadable URL)'
  }
}

function cell(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|')
}

function iso(at: number | null): string {
  return at === null || !Number.isFinite(at) ? '–' : new Date(at).toISOString()
}


function attemptRow(a: SocketAttempt, channelId: string | null): string {
  const close = a.closeCode === null ? '–' : describeCloseCode(a.closeCode)
  const cols = [
    String(a.id),
    iso(a.startedAt),
    ms(a.openMs),
    ms(a.welcomeMs),
    ms(a.lifetimeMs),
    ms(a.quietMs),
    close,
    a.closeReason === '' ? '–' : maskText(a.closeReason, channelId),
    a.wasClean === null ? '–' : String(a.wasClean),
    a.closedBy ?? '–',
    a.clientReason === null ? '–' : maskText(a.clientReason, channelId),
  ]
  return `| ${cols.map(cell).join(' | ')} |`
}

/** The in-page connection test's verdicts, when one ran. */
function connectionTestLines(test: ConnectionTestResult, mask: (text: string) => string): string[] {
  const lines = [`## Connection test`, '', `- Started ${iso(test.startedAt)}, took ${ms(test.ms)}${test.cancelled ? ', cancelled' : ''}`]
  for (const v of test.verdicts) lines.push(`- ${cell(mask(verdictLine(v)))}`)
  return [...lines, '']
}

export function buildReport(snapshot: MonitorSnapshot, env: ReportEnv, connectionTest: ConnectionTestResult | null = null): string {
  const { now } = env
  const channelId = snapshot.channelId
  const mask = (text: string) => maskText(text, channelId)
  const status = snapshot.status
  const lines: string[] = []
  const push = (...more: string[]) => lines.push(...more)

  push('# DLUX payment monitor: diagnostics report', '')
  push(`- Generated: ${iso(now)}`)
  push(`- Page: ${env.pageOrigin ?? '–'} (${env.pageProtocol ?? '–'})${env.embedded ? ', embedded in an iframe' : ''}`)
  push(`- Browser: ${env.userAgent ? cell(env.userAgent) : '–'}`)
  push(`- Channel: ${channelId ? shortenChannelId(channelId) : '–'}`, '')

  push('## Connection', '')
  push(`- State: ${snapshot.state}, transport: ${snapshot.transport}`)
  push(`- Online: ${snapshot.online}, page visible: ${snapshot.visible}`)
  push(`- WebSocket attempts: ${snapshot.wsAttempts}`)
  push(`- Last close code: ${snapshot.lastCloseCode === null ? '–' : describeCloseCode(snapshot.lastCloseCode)}`)
  push(`- Round trip (ping/pong): ${ms(snapshot.rttMs)}`)
  push(`- Poll interval: ${ms(snapshot.pollIntervalMs)}, next poll: ${relative(snapshot.nextPollAt, now)}`)
  push(`- Next socket attempt: ${relative(snapshot.nextSocketAttemptAt, now)}`)
  push(`- Last update: ${relative(snapshot.lastUpdateAt, now)}`)
  push(`- Server clock offset: ${ms(snapshot.serverClockOffsetMs)}`)
  push(`- Failure: ${snapshot.failureReason ?? '–'}${snapshot.notFound ? ' (channel not found)' : ''}`, '')

  push('## Endpoints', '')
  push(`- WebSocket: ${sanitizeUrl(snapshot.endpoints.wsUrl)}`)
  push(`- API: ${sanitizeUrl(snapshot.endpoints.apiUrl)}`)
  const blocked = blockedEndpoints(env.pageProtocol, snapshot.endpoints)
  if (blocked.length > 0) {
    push(`- **Mixed content**: an https page using ${blocked.map(sanitizeUrl).join(' and ')}; browsers block it.`)
  }
  push('')

  push('## Payment status', '')
  if (status === null) {
    push('- No status received yet.')
  } else {
    push(`- Code: ${status.code} (from ${status.source}), progress ${status.progress} %`)
    push(`- Message: ${status.message === '' ? '–' : cell(mask(status.message))}`)
    if (status.details !== '') push(`- Details: ${cell(mask(status.details))}`)
    push(`- Amount: ${status.amount ?? '–'} ${status.currency ?? ''}`.trimEnd())
    push(`- Address: ${status.address ? shorten(status.address) : '–'}`)
    push(`- Transaction: ${status.txHash ? shorten(status.txHash) : '–'}`)
    push(`- Confirmations: ${status.confirmations ?? '–'} of ${status.confirmationsRequired ?? '–'}`)
    push(`- Expires: ${iso(status.expiresAt)}`)
  }
  push('')

  const hints = hintsFor({
    attempts: snapshot.attempts,
    online: snapshot.online,
    endpoints: snapshot.endpoints,
    pollFailures: snapshot.pollFailures,
    heartbeatIntervalMs: snapshot.heartbeatIntervalMs,
    pageProtocol: env.pageProtocol,
  })
  push('## Hints', '')
  if (hints.length === 0) push('- None.')
  for (const hint of hints) push(`- **${hint.title}** (${hint.id}): ${hint.text}`)
  push('')

  if (connectionTest) push(...connectionTestLines(connectionTest, mask))

  push('## WebSocket attempts', '')
  if (snapshot.attempts.length === 0) {
    push('None yet.')
  } else {
    push(
      '| # | started | open | welcome | lifetime | quiet before close | close code | reason | clean | closed by | app reason |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    )
    for (const a of snapshot.attempts) push(attemptRow(a, channelId))
  }
  push('')

  const c = snapshot.counters
  push('## Counters', '')
  push(
    `- Frames in ${c.framesIn}, out ${c.framesOut}, invalid ${c.invalidFrames}; polls ${c.polls}, ` +
      `poll errors ${c.pollErrors}; server errors ${c.errors}`,
    '',
  )

  const events = snapshot.events.slice(-REPORT_EVENT_LIMIT)
  push(`## Events (last ${events.length} of ${snapshot.events.length})`, '')
  if (events.length === 0) push('None.')
  else {
    push('```')
    for (const e of events) {
      // Backticks could end the fence early; the log is for reading, not for exact quoting.
      const text = mask(e.message).replace(/`/g, "'").replace(/[\r\n]+/g, ' ')
      push(`${iso(e.at)} ${e.level.padEnd(5)} ${e.kind.padEnd(12)} ${text}`)
    }
    push('```')
  }
  return lines.join('\n') + '\n'
}

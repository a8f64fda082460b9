/**
 * The simulator's log: one readable line per event on stdout, and the same events kept as
 * structured entries so end-to-end tests can assert on what the server saw (`GET /__sim/log`).
 */

/** What happened. Connection events, channel events, fault switches, and REST calls. */
export type SimLogKind =
  | 'listening'
  | 'open'
  | 'welcome'
  | 'subscribe'
  | 'unsubscribe'
  | 'payment_sent'
  | 'close'
  | 'refused'
  | 'hang'
  | 'cut'
  | 'mute'
  | 'fault'
  | 'heal'
  | 'status'
  | 'channel'
  | 'poll'
  | 'error'

/** One structured log entry; the fields that do not apply to a kind are absent. */
export interface SimLogEntry {
  /** Increasing from 1; `GET /__sim/log?since=<seq>` returns the entries after it. */
  seq: number
  /** Wall-clock time, ISO 8601. */
  time: string
  kind: SimLogKind
  connectionId?: string
  channelId?: string
  /** Detailed status code (`status` entries) or the stored status (`poll` entries). */
  status?: string
  /** WebSocket close code (`close` entries). */
  code?: number
  /** Meaning of `code`, from src/core/protocol/closeCodes.ts. */
  meaning?: string
  /** HTTP status of a refused upgrade or a REST answer. */
  httpStatus?: number
  fault?: string | null
  /** Free text for a human; never parse it. */
  detail?: string
}

/** The fields a caller supplies; `seq` and `time` are added by the log. */
export type SimLogInput = Omit<SimLogEntry, 'seq' | 'time'>

export interface SimLogOptions {
  /**
   * Print nothing (tests). Entries are still recorded.
   * @default false
   */
  quiet?: boolean
  /**
   * Where lines go. Tests and the Vite plugin pass their own.
   * @default console.log
   */
  write?: (line: string) => void
  /**
   * Oldest entries are dropped past this many, so a benchmark with thousands of sockets cannot
   * grow the list without bound.
   * @default 20000
   */
  maxEntries?: number
}

export interface SimLog {
  /** Records an entry and prints its line (unless quiet). Returns the stored entry. */
  add(input: SimLogInput): SimLogEntry
  /** Entries with `seq` greater than `since` (all by default), oldest first. */
  entries(since?: number): SimLogEntry[]
  clear(): void
}

/** Longest client-supplied string echoed back or logged. */
export const MAX_ECHO = 128

/** A client string made safe for one log line: quoted, escaped, truncated. */
export function quoteForLog(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value)
  return JSON.stringify(text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text)
}

const LINE_FIELDS: ReadonlyArray<[keyof SimLogInput, string]> = [
  ['connectionId', 'conn'],
  ['channelId', 'channel'],
  ['status', 'status'],
  ['httpStatus', 'http'],
  ['fault', 'fault'],
]

/** `[sim] 21:03:04.123 close conn=k3j9x2 code=1006 (Abnormal closure: …) after 233 ms` */
export function formatLogLine(entry: SimLogEntry): string {
  const clock = entry.time.slice(11, 23)
  const parts = [`[sim] ${clock} ${entry.kind}`]
  for (const [key, label] of LINE_FIELDS) {
    const value = entry[key]
    if (value !== undefined) parts.push(`${label}=${value === null ? 'none' : String(value)}`)
  }
  if (entry.code !== undefined) {
    parts.push(entry.meaning ? `code=${entry.code} (${entry.meaning})` : `code=${entry.code}`)
  }
  if (entry.detail) parts.push(entry.detail)
  return parts.join(' ')
}

/** Creates an empty log. */
export function createLog(options: SimLogOptions = {}): SimLog {
  const write = options.write ?? ((line: string) => console.log(line))
  const maxEntries = options.maxEntries ?? 20000
  let list: SimLogEntry[] = []
  let seq = 0

  return {
    add(input) {
      seq += 1
      const entry: SimLogEntry = { seq, time: new Date().toISOString(), ...input }
      list.push(entry)
      // Trim in chunks rather than shifting on every add: a benchmark logs thousands per second.
      if (list.length > maxEntries * 1.1) list = list.slice(list.length - maxEntries)
      if (!options.quiet) write(formatLogLine(entry))
      return entry
    },
    entries(since = 0) {
      return since > 0 ? list.filter((entry) => entry.seq > since) : list.slice()
    },
    clear() {
      list = []
    },
  }
}

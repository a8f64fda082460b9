/**
 * The first status, read from the status request the starter pre-started (src/core/prestart/prestart.ts) without
 * taking it from the app: the entry reads a copy of the answer, and the app, which adopts the
 * request (src/core/prestart/handoff.ts), still reads the original. It reads the answer the way the polling
 * transport does (src/core/transports/polling.ts): anything but a 200 with a valid status for this
 * channel gives null, and the app then deals with the answer as it always does.
 */
import { parsePollBody } from '../core/protocol/bodies'
import { statusFromPoll, type PaymentStatus } from '../core/protocol/status'

/** The answer as the entry sees it: a browser `Response`, whose body a copy can read. */
export interface CopyableAnswer {
  status: number
  headers: { get(name: string): string | null }
  clone?: () => { text(): Promise<string> }
}

export async function readFirstStatus(response: Promise<CopyableAnswer>, channelId: string): Promise<PaymentStatus | null> {
  try {
    // `clone` before anyone reads the body: this callback was registered before the app existed.
    const answer = await response.then((r) => (r.status === 200 && r.clone ? { headers: r.headers, body: r.clone().text() } : null))
    if (answer === null) return null
    const parsed = parsePollBody(await answer.body)
    if (!parsed.ok || parsed.value.channel.channelId !== channelId) return null
    const date = answer.headers.get('Date')
    const serverTime = date ? Date.parse(date) : NaN
    return statusFromPoll(parsed.value.channel, Number.isFinite(serverTime) ? serverTime : null)
  } catch {
    return null
  }
}

/** The doctor's steps in order, each timed and judged; a step that cannot mean anything is skipped with the reason. */
import { judgeCors, judgeDns, judgeRest, judgeTcp, judgeTls } from '../../src/core/diagnostics/pathVerdicts'
import { judgeCompression, judgeIdle, judgeOrigin, judgeRtt, judgeSubscribe, judgeUpgrade, judgeWelcome, proxyHeaders } from '../../src/core/diagnostics/socketVerdicts'
import { worstLevel, type Verdict, type VerdictLevel } from '../../src/core/diagnostics/verdict'
import type { DoctorOptions } from './args'
import { connectTcp, endpointOf, inspectTls, resolveHost, type Endpoint } from './network'
import { rawUpgrade, type RawUpgrade } from './rawUpgrade'
import { probeRest } from './rest'
import { idleHold, subscribe, welcomeAndRtt, type SocketTarget } from './socketChecks'

export type StepId = 'dns-tcp' | 'tls' | 'upgrade' | 'welcome-rtt' | 'idle' | 'origin' | 'rest' | 'subscribe'

export interface StepResult {
  id: StepId
  title: string
  ms: number
  verdicts: Verdict[]
  /** What was seen, line by line (the upgrade answer as received, frames, headers). */
  details: string[]
  /** Why the step did not run, or null. */
  skipped: string | null
}

export interface DoctorReport {
  target: { wsUrl: string; apiUrl: string; origin: string | null; channel: string | null; holdMs: number }
  startedAt: string
  ms: number
  steps: StepResult[]
  worst: VerdictLevel
  exitCode: number
}

/** An origin no deployment should accept (`.invalid` can never be registered). */
export const FOREIGN_ORIGIN = 'https://doctor-foreign-origin.invalid'

export const EXIT_CODES: Record<VerdictLevel, number> = { pass: 0, warn: 1, fail: 2 }

function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a.host === b.host && a.port === b.port && a.secure === b.secure
}

export async function runDoctor(options: DoctorOptions, onStep: (step: StepResult) => void = () => undefined): Promise<DoctorReport> {
  const startedAt = new Date()
  const started = performance.now()
  const steps: StepResult[] = []
  const step = async (id: StepId, title: string, skip: string | null, body: (s: StepResult) => Promise<void>): Promise<StepResult> => {
    const result: StepResult = { id, title, ms: 0, verdicts: [], details: [], skipped: skip }
    const at = performance.now()
    if (skip === null) await body(result)
    result.ms = performance.now() - at
    steps.push(result)
    onStep(result)
    return result
  }

  const wsEndpoint = endpointOf(options.wsUrl)
  const apiEndpoint = endpointOf(options.apiUrl)
  const endpoints = sameEndpoint(wsEndpoint, apiEndpoint) ? [wsEndpoint] : [wsEndpoint, apiEndpoint]
  const reachable = new Map<Endpoint, string>()
  /** Endpoints whose TLS failed: later steps on them would only fail again with the same cause. */
  const tlsFailed = new Set<Endpoint>()

  await step('dns-tcp', 'DNS and TCP', null, async (s) => {
    for (const endpoint of endpoints) {
      const dns = await resolveHost(endpoint.host)
      s.verdicts.push(judgeDns(dns))
      const connects = []
      for (const address of dns.addresses) connects.push(await connectTcp(address, endpoint.port))
      const first = connects.find((tcp) => tcp.connected)
      if (first) reachable.set(endpoint, first.address)
      for (const tcp of connects) s.verdicts.push(judgeTcp({ ...tcp, otherAddressWorks: first !== undefined }))
    }
  })
  const wsReachable = reachable.has(wsEndpoint)

  await step('tls', 'TLS', endpoints.some((e) => e.secure) ? null : 'no wss:/https: endpoint', async (s) => {
    for (const endpoint of endpoints.filter((e) => e.secure)) {
      const address = reachable.get(endpoint)
      if (address === undefined) {
        s.details.push(`${endpoint.host}:${endpoint.port}: not reachable over TCP, no handshake tried`)
        continue
      }
      const verdict = judgeTls(await inspectTls(endpoint, address, options.ca, options.insecure))
      if (verdict.level === 'fail') tlsFailed.add(endpoint)
      s.verdicts.push(verdict)
    }
  })
  const socketBlocked = !wsReachable ? 'the socket host is not reachable over TCP' : tlsFailed.has(wsEndpoint) ? 'TLS failed' : null

  const target: SocketTarget = { url: options.wsUrl, origin: options.origin, ca: options.ca, insecure: options.insecure }
  let upgrade: RawUpgrade | null = null
  await step('upgrade', 'WebSocket upgrade', socketBlocked, async (s) => {
    upgrade = await rawUpgrade({ url: options.wsUrl, origin: options.origin, offerDeflate: true, ca: options.ca, insecure: options.insecure })
    s.details.push(`GET ${options.wsUrl.pathname}${options.origin ? ` (Origin: ${options.origin})` : ' (no Origin)'} → answered in ${Math.round(upgrade.waitedMs)} ms`)
    s.details.push(...(upgrade.head.length ? upgrade.head.map((line) => `< ${line}`) : ['< (nothing received)']))
    if (upgrade.bodyStart.trim()) s.details.push(`< body: ${upgrade.bodyStart.replace(/\s+/g, ' ').trim().slice(0, 160)}`)
    const revealing = proxyHeaders(upgrade.headers)
    if (revealing.length) s.details.push(`on the path: ${revealing.join('; ')}`)
    s.verdicts.push(judgeUpgrade(upgrade))
    if (upgrade.status === 101) {
      const without = await rawUpgrade({ url: options.wsUrl, origin: options.origin, offerDeflate: false, ca: options.ca, insecure: options.insecure })
      s.verdicts.push(judgeCompression({ negotiated: upgrade.deflate, withoutStatus: without.status }))
    }
  })
  const upgraded = (upgrade as RawUpgrade | null)?.status === 101
  const notUpgraded = socketBlocked ?? (upgraded ? null : 'the upgrade failed')

  const welcomeStep = await step('welcome-rtt', 'Welcome and round trip', notUpgraded, async (s) => {
    const seen = await welcomeAndRtt(target)
    if (seen.welcomeFrame) s.details.push(`< ${seen.welcomeFrame}`)
    if (seen.error) s.details.push(`socket error: ${seen.error}`)
    s.verdicts.push(judgeWelcome(seen.welcome), judgeRtt(seen.rtt))
  })
  const welcomed = notUpgraded ?? (welcomeStep.verdicts[0]?.level === 'fail' ? 'no healthy welcome' : null)

  await step('idle', `Idle timeout (hold ${Math.round(options.holdMs / 1000)} s)`, welcomed ?? (options.holdMs > 0 ? null : '--hold 0'), async (s) => {
    const hold = await idleHold(target, options.holdMs)
    if (hold.error) {
      s.details.push(`could not hold sockets: ${hold.error}`)
      return
    }
    s.details.push('one socket quiet, one sending a ping every 20 s')
    s.verdicts.push(judgeIdle({ holdMs: hold.heldMs, heartbeatIntervalMs: options.heartbeatIntervalMs, quiet: hold.quiet, pinged: hold.pinged }))
  })

  const upgradeStatus = (upgrade as RawUpgrade | null)?.status ?? null
  const originSkip = socketBlocked ?? (upgradeStatus === 101 || upgradeStatus === 403 ? null : 'the upgrade failed for another reason')
  await step('origin', 'Origin', originSkip, async (s) => {
    if (options.origin) {
      s.verdicts.push(judgeOrigin({ origin: options.origin, status: upgradeStatus, foreign: false }))
    } else {
      s.details.push('no --origin given: only a foreign origin is tried')
    }
    const foreign = await rawUpgrade({ url: options.wsUrl, origin: FOREIGN_ORIGIN, offerDeflate: false, ca: options.ca, insecure: options.insecure })
    s.verdicts.push(judgeOrigin({ origin: FOREIGN_ORIGIN, status: foreign.status, foreign: true }))
  })

  const apiEndpointUsed = endpoints.find((e) => sameEndpoint(e, apiEndpoint)) as Endpoint
  const restBlocked = !reachable.has(apiEndpointUsed) ? 'the API host is not reachable over TCP' : tlsFailed.has(apiEndpointUsed) ? 'TLS failed' : null
  await step('rest', 'REST status route', restBlocked, async (s) => {
    const found = await probeRest(options.apiUrl, options.channel, options.origin, options.ca, options.insecure)
    s.details.push(`GET ${found.rest.url}${options.origin ? ` (Origin: ${options.origin})` : ''}`)
    s.details.push(...found.headers.map((h) => `< ${h}`))
    if (found.channelStatus) s.details.push(`stored status: ${found.channelStatus}`)
    s.verdicts.push(judgeRest(found.rest))
    if (found.cors) s.verdicts.push(judgeCors(found.cors))
    else if (found.rest.status !== null) s.details.push('no --origin given: CORS not checked')
  })

  if (options.channel !== null) {
    const channel = options.channel
    await step('subscribe', 'Subscribe', welcomed, async (s) => {
      const seen = await subscribe(target, channel)
      if (seen.frame) s.details.push(`< ${seen.frame}`)
      s.verdicts.push(judgeSubscribe(seen))
    })
  }

  const worst = worstLevel(steps.flatMap((s) => s.verdicts))
  return {
    target: { wsUrl: options.wsUrl.href, apiUrl: options.apiUrl.href, origin: options.origin, channel: options.channel, holdMs: options.holdMs },
    startedAt: startedAt.toISOString(),
    ms: performance.now() - started,
    steps,
    worst,
    exitCode: EXIT_CODES[worst],
  }
}

/**
 * `npm run doctor` against the simulator and through the shipped nginx and Caddy configs, set up
 * right and wrong (the variants come from harness/nginx.ts and harness/caddy.ts, never a second
 * copy of a config). Each case asserts the verdict and the layer it names, not only the exit code.
 * The last case runs the in-page connection test in Chromium behind the 2 s read timeout.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Verdict } from '../../src/core/diagnostics/verdict'
import type { DoctorReport } from '../../scripts/doctor/run'
import { freePort, spawnManaged } from '../../tools/processes/managed'
import { startSimulator, type Simulator } from '../../tools/processes/simulator'
import { waitForConnection, waitForStatus } from './harness/cases'
import { useE2e } from './harness/fixture'
import { startCaddy } from './harness/caddy'
import { REPO_ROOT } from './harness/env'
import { startNginx, type NginxVariant } from './harness/nginx'
import { diagnosticsReport } from '../../tools/browser/diagnosticsReport'

const e2e = useE2e()

interface DoctorRun {
  exitCode: number
  report: DoctorReport
  output: string
}

/** Runs the command as a person would (`npm run doctor` is `tsx scripts/doctor/cli.ts`), with --json. */
async function doctor(args: string[], timeoutMs = 45_000): Promise<DoctorRun> {
  const proc = spawnManaged('doctor', process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/doctor/cli.ts'), ...args, '--json'], {
    cwd: REPO_ROOT,
  })
  const ended = await Promise.race([proc.exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs))])
  if (ended === 'timeout') {
    await proc.stop()
    throw new Error(`the doctor did not end within ${timeoutMs} ms:\n${proc.output()}`)
  }
  const output = proc.output()
  const start = output.indexOf('{\n')
  if (start < 0) throw new Error(`no JSON report (exit ${ended}):\n${output}`)
  return { exitCode: Number(ended), report: JSON.parse(output.slice(start)) as DoctorReport, output }
}

function verdictOf(run: DoctorRun, check: Verdict['check']): Verdict {
  const found = run.report.steps.flatMap((s) => s.verdicts).find((v) => v.check === check)
  if (!found) throw new Error(`no ${check} verdict in:\n${run.output}`)
  return found
}

function stepOf(run: DoctorRun, id: DoctorReport['steps'][number]['id']) {
  const found = run.report.steps.find((s) => s.id === id)
  if (!found) throw new Error(`no step ${id}`)
  return found
}

/** A stand-in for dist/: the proxies serve it, the doctor never asks for it. */
function siteDir(): string {
  const dir = path.join(e2e.run().runDir, 'doctor-site')
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>payment monitor</title>\n')
  return dir
}

async function withSimulator<T>(body: (sim: Simulator) => Promise<T>): Promise<T> {
  const sim = await startSimulator(0)
  try {
    return await body(sim)
  } finally {
    await sim.stop()
  }
}

async function withNginx<T>(variant: NginxVariant, backendPort: number, body: (wsUrl: string) => Promise<T>): Promise<T> {
  const port = await freePort()
  const nginx = await startNginx(e2e.run().runDir, variant, { port, backendPort, distDir: siteDir(), cspConnectSrc: "'self'" })
  try {
    return await body(`ws://127.0.0.1:${port}/ws/payment-monitor`)
  } finally {
    await nginx.proc.stop()
  }
}

const PAGE_ORIGIN = 'http://localhost:5173'

describe('npm run doctor', () => {
  it('direct to the simulator: every check passes, the channel status is shown, exit 0', async () => {
    await withSimulator(async (sim) => {
      const channel = await sim.createChannel()
      const run = await doctor([`ws://127.0.0.1:${sim.port}/ws/payment-monitor`, '--origin', PAGE_ORIGIN, '--channel', channel, '--hold', '2'])
      const levels = run.report.steps.flatMap((s) => s.verdicts.map((v) => `${v.check}:${v.level}`))
      expect(levels).toEqual([
        'dns:pass', 'tcp:pass', 'upgrade:pass', 'compression:pass', 'welcome:pass', 'rtt:pass', 'idle:pass',
        'origin:pass', 'foreign-origin:pass', 'rest:pass', 'cors:pass', 'subscribe:pass',
      ])
      expect(verdictOf(run, 'subscribe').summary).toContain('first status_update: waiting_payment')
      expect(stepOf(run, 'upgrade').details).toContain('< HTTP/1.1 101 Switching Protocols')
      expect(stepOf(run, 'rest').details).toContain('stored status: pending')
      expect(run.exitCode).toBe(0)
    })
  })

  it('nginx with the shipped config and Caddy with the shipped Caddyfile pass', async () => {
    await withSimulator(async (sim) => {
      await withNginx('shipped', sim.port, async (wsUrl) => {
        const run = await doctor([wsUrl, '--origin', PAGE_ORIGIN, '--hold', '3'])
        expect(run.report.worst, run.output).toBe('pass')
        expect(verdictOf(run, 'idle').summary).toContain('quiet socket still open; pinged socket still open')
        expect(run.exitCode).toBe(0)
      })
      const port = await freePort()
      const caddy = await startCaddy(e2e.run().runDir, { port, backendPort: sim.port, distDir: siteDir(), cspConnectSrc: "'self'" })
      try {
        const run = await doctor([`ws://127.0.0.1:${port}/ws/payment-monitor`, '--origin', PAGE_ORIGIN, '--hold', '3'])
        expect(run.report.worst, run.output).toBe('pass')
        expect(run.exitCode).toBe(0)
      } finally {
        await caddy.proc.stop()
      }
    })
  })

  it('nginx without the Upgrade/Connection headers: the upgrade fails at the proxy', async () => {
    await withSimulator((sim) =>
      withNginx('no-upgrade-headers', sim.port, async (wsUrl) => {
        const run = await doctor([wsUrl, '--hold', '2'])
        expect(verdictOf(run, 'upgrade')).toMatchObject({ level: 'fail', layer: 'proxy', cause: 'upgrade-headers-dropped' })
        expect(verdictOf(run, 'upgrade').fix).toContain('proxy_set_header Upgrade')
        expect(stepOf(run, 'upgrade').details.some((line) => line.startsWith('< HTTP/1.1 404'))).toBe(true)
        expect(stepOf(run, 'welcome-rtt').skipped).toBe('the upgrade failed')
        expect(verdictOf(run, 'rest').level, 'the REST route is fine').toBe('pass')
        expect(run.exitCode).toBe(2)
      }),
    )
  })

  it('nginx with proxy_read_timeout 2s: the idle hold finds the timeout at the proxy', async () => {
    await withSimulator((sim) =>
      withNginx({ wsReadTimeout: '2s' }, sim.port, async (wsUrl) => {
        const run = await doctor([wsUrl, '--hold', '5'])
        expect(verdictOf(run, 'upgrade').level).toBe('pass')
        expect(verdictOf(run, 'welcome').level).toBe('pass')
        const idle = verdictOf(run, 'idle')
        expect(idle).toMatchObject({ level: 'fail', layer: 'proxy', cause: 'idle-timeout' })
        // About the 2 s of the timeout (nginx's clock starts when it read the welcome from upstream).
        expect(idle.summary).toMatch(/^held (1\.[5-9]|2\.\d) s: quiet socket dropped without a close frame 1006 after (1\.[5-9]|2\.\d) s/)
        expect(idle.fix).toContain('proxy_read_timeout')
        expect(stepOf(run, 'idle').ms, 'the hold ends once both sockets are cut').toBeLessThan(4500)
        expect(run.exitCode).toBe(2)
      }),
    )
  })

  it('origin refused: the upgrade and the origin check name the Origin allow-list', async () => {
    await withSimulator(async (sim) => {
      const run = await doctor([`ws://127.0.0.1:${sim.port}/ws/payment-monitor`, '--origin', 'https://evil.example', '--hold', '1'])
      expect(verdictOf(run, 'upgrade')).toMatchObject({ level: 'fail', layer: 'origin', cause: 'origin-refused' })
      expect(verdictOf(run, 'origin')).toMatchObject({ level: 'fail', layer: 'origin', cause: 'origin-refused' })
      expect(verdictOf(run, 'foreign-origin').level).toBe('pass')
      expect(run.exitCode).toBe(2)
    })
  })

  it('a handshake that never answers: the upgrade is held on the path (firewall / load balancer)', async () => {
    await withSimulator(async (sim) => {
      await sim.fault('hang-handshake')
      const run = await doctor([`ws://127.0.0.1:${sim.port}/ws/payment-monitor`, '--hold', '1'])
      const upgrade = verdictOf(run, 'upgrade')
      expect(upgrade).toMatchObject({ level: 'fail', layer: 'firewall', cause: 'handshake-stalled' })
      expect(upgrade.summary).toContain('no answer to the upgrade within 5.0 s')
      expect(stepOf(run, 'upgrade').details).toContain('< (nothing received)')
      expect(run.exitCode).toBe(2)
    })
  })

  it('nothing listening: TCP is refused and every later step is skipped', async () => {
    const port = await freePort()
    const run = await doctor([`ws://127.0.0.1:${port}/ws/payment-monitor`, '--hold', '1'])
    expect(verdictOf(run, 'tcp')).toMatchObject({ level: 'fail', layer: 'tcp', cause: 'tcp-refused' })
    expect(verdictOf(run, 'tcp').summary).toContain('ECONNREFUSED')
    expect(run.report.steps.filter((s) => s.skipped !== null).map((s) => s.id)).toEqual(['tls', 'upgrade', 'welcome-rtt', 'idle', 'origin', 'rest'])
    expect(run.exitCode).toBe(2)
  })

  it('backend down behind nginx: 502 on the upgrade and the REST route, blamed on the backend', async () => {
    const sim = await startSimulator(0)
    const backendPort = sim.port
    await sim.stop()
    await withNginx('shipped', backendPort, async (wsUrl) => {
      const run = await doctor([wsUrl, '--hold', '1'])
      expect(verdictOf(run, 'tcp').level, 'the proxy itself answers').toBe('pass')
      expect(verdictOf(run, 'upgrade')).toMatchObject({ level: 'fail', layer: 'backend', cause: 'backend-down' })
      expect(stepOf(run, 'upgrade').details.some((line) => line.startsWith('< HTTP/1.1 502'))).toBe(true)
      expect(verdictOf(run, 'rest')).toMatchObject({ level: 'fail', layer: 'backend', cause: 'rest-server-error' })
      expect(run.exitCode).toBe(2)
    })
  })

  it('a self-signed TLS front (Caddy tls internal): TLS fails without --ca, is trusted with it', async () => {
    await withSimulator(async (sim) => {
      const port = await freePort()
      const caddy = await startCaddy(e2e.run().runDir, { port, backendPort: sim.port, distDir: siteDir(), cspConnectSrc: "'self'", tlsInternal: true })
      try {
        const wsUrl = `wss://127.0.0.1:${port}/ws/payment-monitor`
        const untrusted = await doctor([wsUrl, '--origin', PAGE_ORIGIN, '--hold', '1'])
        expect(verdictOf(untrusted, 'tls')).toMatchObject({ level: 'fail', layer: 'tls', cause: 'tls-untrusted' })
        expect(stepOf(untrusted, 'upgrade').skipped).toBe('TLS failed')
        expect(stepOf(untrusted, 'rest').skipped, 'the REST route sits behind the same certificate').toBe('TLS failed')
        expect(untrusted.exitCode).toBe(2)

        const trusted = await doctor([wsUrl, '--origin', PAGE_ORIGIN, '--hold', '1', '--ca', caddy.caCertPath as string])
        // Trusted and naming the host; Caddy's internal certificates live 12 hours, so the
        // expiry check (under 14 days) warns, as it should for any certificate that close to its end.
        expect(verdictOf(trusted, 'tls')).toMatchObject({ level: 'warn', layer: 'tls', cause: 'tls-expiring' })
        expect(verdictOf(trusted, 'tls').summary).toMatch(/^TLSv1\.[23]: certificate expires in 0 days$/)
        expect(verdictOf(trusted, 'upgrade').level).toBe('pass')
        expect(verdictOf(trusted, 'welcome').level).toBe('pass')
        expect(verdictOf(trusted, 'rest').level).toBe('pass')
        expect(trusted.report.steps.flatMap((s) => s.verdicts).filter((v) => v.level !== 'pass').map((v) => v.check), trusted.output).toEqual(['tls'])
        expect(trusted.exitCode).toBe(1)

        const insecure = await doctor([wsUrl, '--origin', PAGE_ORIGIN, '--hold', '1', '--insecure'])
        expect(verdictOf(insecure, 'tls')).toMatchObject({ level: 'warn', layer: 'tls', cause: 'tls-untrusted' })
        expect(verdictOf(insecure, 'upgrade').level).toBe('pass')
        expect(insecure.exitCode, 'the worst verdict is a warning').toBe(1)
      } finally {
        await caddy.proc.stop()
      }
    })
  })
})

describe('the in-page connection test', () => {
  it('behind nginx with proxy_read_timeout 2s: the button shows the idle timeout at the proxy, and the report carries it', async () => {
    await e2e.withCase('in-page connection test', { kind: 'nginx', variant: { wsReadTimeout: '2s' } }, async (c) => {
      const channelId = await c.sim.createChannel()
      await c.open(channelId)
      await waitForStatus(c.engine, 'waiting_payment')
      await waitForConnection(c.engine, 'open', 'websocket')
      const attemptsBefore = (await c.sim.log()).filter((e) => e.kind === 'open').length
      await c.page.locator('[data-testid=diagnostics] summary').click()
      await c.page.getByRole('button', { name: 'Test the connection' }).click()
      await c.page.locator('[data-testid=connection-test-progress]').waitFor({ state: 'visible', timeout: 5000 })
      const idle = c.page.locator('[data-testid=connection-test-verdicts] [data-check=idle]')
      await idle.waitFor({ state: 'visible', timeout: 20_000 })
      expect(await idle.getAttribute('data-level')).toBe('fail')
      expect(await idle.getAttribute('data-layer')).toBe('proxy')
      expect(await idle.textContent()).toContain('proxy_read_timeout')
      const levels = await c.page.locator('[data-testid=connection-test-verdicts] li').evaluateAll((items) =>
        items.map((li) => `${li.getAttribute('data-check')}:${li.getAttribute('data-level')}`),
      )
      expect(levels).toEqual(expect.arrayContaining(['upgrade:pass', 'subscribe:pass', 'welcome:pass', 'rtt:pass', 'rest:pass', 'csp:pass', 'online:pass']))
      const opens = (await c.sim.log()).filter((e) => e.kind === 'open').length
      expect(opens, 'the test opened a socket of its own').toBeGreaterThan(attemptsBefore)
      const report = await diagnosticsReport(c)
      expect(report).toContain('## Connection test')
      expect(report).toMatch(/FAIL idle \[proxy\] held (1\.[5-9]|2\.\d) s: quiet socket dropped without a close frame 1006 after (1\.[5-9]|2\.\d) s/)
    })
  })
})

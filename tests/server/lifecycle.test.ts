/** Shutdown: close() ends every socket, handshake, held answer and timer; the CLI starts and stops cleanly. */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { attemptUpgrade, json, setFault, startSim, subscribed } from './helpers'

/** Counts of the handle kinds a leak would show up as. */
function handles(): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1
  return counts
}

describe('close()', () => {
  it('closes open sockets with 1001 and leaves no server, socket or timer behind', async () => {
    const before = handles()
    const sim = await startSim({ statusIntervalMs: 50, speed: 1 })
    sim.createChannel({ mode: 'auto' }) // a timeline timer
    const { socket } = await subscribed(sim, sim.createChannel().channelId) // a monitor interval
    await sim.close()
    expect((await socket.closed).code).toBe(1001)
    await expect(fetch(`${sim.url}/api/onboarding/pricing`)).rejects.toThrow()
    await new Promise((resolve) => setTimeout(resolve, 20))
    const after = handles()
    for (const kind of ['Timeout', 'TCPServerWrap', 'TCPSocketWrap']) {
      expect(after[kind] ?? 0, kind).toBeLessThanOrEqual(before[kind] ?? 0)
    }
  })

  it('ends hanging handshakes and held poll answers', async () => {
    const sim = await startSim({ slowPollMs: 5000 })
    await setFault(sim, 'hang-handshake')
    const hang = attemptUpgrade(sim.wsUrl, {}, 3000)
    await setFault(sim, 'slow-poll')
    const held = fetch(`${sim.url}/api/onboarding/payment/status/${sim.createChannel().channelId}`).then(
      () => 'answered',
      () => 'cut',
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    const start = Date.now()
    await sim.close()
    expect(await held).toBe('cut')
    expect(await hang).toBe('error')
    expect(Date.now() - start).toBeLessThan(1500)
  })

  it('is idempotent', async () => {
    const sim = await startSim()
    await Promise.all([sim.close(), sim.close()])
    await sim.close()
  })

  it('handles many sockets at once (benchmark use)', async () => {
    const sim = await startSim()
    const id = sim.createChannel().channelId
    const sockets = await Promise.all(Array.from({ length: 100 }, () => subscribed(sim, id)))
    expect(sim.app.sockets.connectionCount()).toBe(100)
    await sim.close()
    const codes = await Promise.all(sockets.map(({ socket }) => socket.closed.then((c) => c.code)))
    expect(new Set(codes)).toEqual(new Set([1001]))
  })
})

describe('npm run simulator (server/cli.ts)', () => {
  async function startCli(args: string[]) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const lines = createInterface({ input: child.stdout })
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no listening line within 10 s')), 10_000)
      lines.on('line', (line) => {
        const match = /^Payment simulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)
        if (match) {
          clearTimeout(timer)
          resolve(match[1] as string)
        }
      })
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)))
    })
    return { child, url }
  }

  it.each(['SIGTERM', 'SIGINT'] as const)('prints its URL, serves, and exits 0 on %s', async (signal) => {
    const { child, url } = await startCli(['--port', '0', '--quiet', '--speed', '50', '--status-interval-ms', '500'])
    try {
      const response = await fetch(`${url}/api/onboarding/pricing`)
      expect(response.status).toBe(200)
      await response.body?.cancel()
    } finally {
      child.kill(signal)
    }
    const [code] = await once(child, 'exit')
    expect(code).toBe(0)
  }, 20_000)

  it('starts with --fault in force', async () => {
    const { child, url } = await startCli(['--port', '0', '--quiet', '--fault', 'poll-5xx'])
    try {
      const sim = { url } as Parameters<typeof json>[0]
      const created = await json(sim, '/__sim/channels', { body: {} })
      const poll = await fetch(`${url}/api/onboarding/payment/status/${String(created.body.channelId)}`)
      expect(poll.status).toBe(503)
      await poll.body?.cancel()
    } finally {
      child.kill('SIGTERM')
    }
    await once(child, 'exit')
  }, 20_000)

  it('refuses an unknown fault with exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--fault', 'meteor'], { stdio: 'ignore' })
    const [code] = await once(child, 'exit')
    expect(code).toBe(2)
  }, 20_000)
})

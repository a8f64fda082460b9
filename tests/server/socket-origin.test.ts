/** The socket's Origin check: the production allow-list plus loopback IPs; refusals fail the upgrade. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isOriginAllowed } from '../../server/socketUpgrade'
import type { Simulator } from '../../server/simulator'
import { attemptUpgrade, startSim } from './helpers'

let sim: Simulator
beforeAll(async () => {
  sim = await startSim()
})
afterAll(() => sim.close())

describe('Origin allow-list', () => {
  it.each([
    'https://dlux.io',
    'https://www.dlux.io',
    'https://vue.dlux.io',
    'https://data.dlux.io',
    'http://localhost:5173',
    'http://localhost',
    'http://127.0.0.1:4173',
    'http://127.0.0.1',
  ])('accepts %s', async (origin) => {
    expect(await attemptUpgrade(sim.wsUrl, { Origin: origin })).toBe('open')
  })

  it.each(['https://evil.example', 'https://dlux.io.evil.example', 'null', 'http://127.0.0.2:80', 'http://10.0.0.1:5173'])(
    'refuses %s with 403 before the upgrade',
    async (origin) => {
      expect(await attemptUpgrade(sim.wsUrl, { Origin: origin })).toBe(403)
    },
  )

  it('accepts a client that sends no Origin (Node, tools)', async () => {
    expect(await attemptUpgrade(sim.wsUrl)).toBe('open')
  })

  it('keeps production\'s substring rule for localhost', () => {
    // The real server tests `origin.includes('localhost')`; the simulator must not be stricter.
    expect(isOriginAllowed('https://localhost.example.com')).toBe(true)
  })

  it('logs a refusal', async () => {
    await attemptUpgrade(sim.wsUrl, { Origin: 'https://evil.example' })
    const refused = sim.app.log.entries().filter((e) => e.kind === 'refused')
    expect(refused.at(-1)).toMatchObject({ httpStatus: 403 })
  })

  it('answers 404 to an upgrade on another path', async () => {
    expect(await attemptUpgrade(sim.wsUrl.replace('/ws/payment-monitor', '/ws/other'))).toBe(404)
  })
})

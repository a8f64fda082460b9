/** The Vite plugin: simulator on the dev server's own origin, Vite's HMR socket left alone. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type ViteDevServer } from 'vite'
import { WebSocket } from 'ws'
import { paymentSimulator } from '../../server/vitePlugin'
import { openSocket } from './helpers'

let server: ViteDevServer
let origin: string

beforeAll(async () => {
  server = await createServer({
    configFile: false,
    root: process.cwd(),
    mode: 'development',
    logLevel: 'silent',
    plugins: [paymentSimulator({ quiet: true, speed: 200, welcomeDelayMs: 20 })],
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  })
  await server.listen()
  const address = server.httpServer?.address()
  if (!address || typeof address === 'string') throw new Error('no address')
  origin = `http://127.0.0.1:${address.port}`
}, 20_000)

afterAll(() => server?.close())

describe('paymentSimulator() on the Vite dev server', () => {
  it('serves the REST API and the demo endpoint on the same origin', async () => {
    const pricing = await fetch(`${origin}/api/onboarding/pricing`)
    expect(pricing.status).toBe(200)
    const demo = await fetch(`${origin}/__sim/demo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(demo.status).toBe(201)
    const { channelId } = (await demo.json()) as { channelId: string }
    const status = await fetch(`${origin}/api/onboarding/payment/status/${channelId}`)
    expect(status.status).toBe(200)
    await status.body?.cancel()
  })

  it('serves the payment socket', async () => {
    const socket = await openSocket(`${origin.replace('http', 'ws')}/ws/payment-monitor`, { Origin: origin })
    expect(await socket.next()).toMatchObject({ type: 'connected', server: 'DLUX Payment Monitor' })
    socket.ws.close()
  })

  it("leaves Vite's own HMR socket working", async () => {
    const hmr = new WebSocket(`${origin.replace('http', 'ws')}/`, 'vite-hmr')
    const first = await new Promise<string>((resolve, reject) => {
      hmr.once('message', (data: Buffer) => resolve(data.toString()))
      hmr.once('error', reject)
    })
    expect(JSON.parse(first)).toMatchObject({ type: 'connected' })
    hmr.close()
  })

  it('still serves the page itself', async () => {
    const page = await fetch(`${origin}/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="app">')
  })
})

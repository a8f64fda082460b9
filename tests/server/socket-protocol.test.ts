/** The WebSocket frames the simulator sends, checked against docs/protocol.md with a real `ws` client. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Simulator } from '../../server/simulator'
import { openSocket, startSim, subscribed, welcomed, type Frame } from './helpers'

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

let sim: Simulator
beforeEach(async () => {
  sim = await startSim({ statusIntervalMs: 100, speed: 1 })
})
afterEach(() => sim.close())

describe('welcome', () => {
  it('arrives about 150 ms after open with the production shape', async () => {
    await sim.close()
    sim = await startSim({ welcomeDelayMs: 150 })
    const socket = await openSocket(sim.wsUrl)
    const opened = Date.now()
    const welcome = await socket.next()
    const delay = Date.now() - opened
    expect(delay).toBeGreaterThanOrEqual(130)
    expect(delay).toBeLessThan(1000)
    expect(welcome).toEqual({
      type: 'connected',
      message: 'WebSocket connection established',
      timestamp: expect.stringMatching(ISO),
      server: 'DLUX Payment Monitor',
      connectionId: expect.stringMatching(/^[a-z0-9]{4,12}$/),
    })
    socket.ws.close()
  })
})

describe('subscribe', () => {
  it('answers a status_update at once with every field of docs/protocol.md', async () => {
    const channel = sim.createChannel({ currency: 'ETH', username: 'alice' })
    const { socket, first } = await subscribed(sim, channel.channelId)
    expect(first).toEqual({
      type: 'status_update',
      timestamp: expect.stringMatching(ISO),
      channelId: channel.channelId,
      status: 'waiting_payment',
      message: expect.any(String),
      details: expect.any(String),
      progress: 20,
      channel: {
        username: 'alice',
        cryptoType: 'ETH',
        amountCrypto: expect.any(Number),
        amountUsd: expect.any(Number),
        address: expect.stringMatching(/^0x[0-9a-f]{40}$/),
        memo: null,
        confirmations: 0,
        txHash: null,
        expiresAt: expect.stringMatching(ISO),
        createdAt: expect.stringMatching(ISO),
        isExpired: false,
      },
    })
    socket.ws.close()
  })

  it('repeats the status every interval while subscribed, and stops after unsubscribe', async () => {
    const channel = sim.createChannel()
    const { socket } = await subscribed(sim, channel.channelId)
    await socket.next((f) => f.type === 'status_update', 500)
    await socket.next((f) => f.type === 'status_update', 500)
    socket.send({ type: 'unsubscribe', channelId: channel.channelId })
    await new Promise((resolve) => setTimeout(resolve, 50)) // let an in-flight tick land
    const count = socket.all.length
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(socket.all.length).toBe(count)
    socket.ws.close()
  })

  it('pushes a status_update on every change, before the next tick', async () => {
    await sim.close()
    sim = await startSim({ statusIntervalMs: 60_000 })
    const channel = sim.createChannel({ currency: 'SOL' })
    const { socket } = await subscribed(sim, channel.channelId)
    sim.app.store.advance(channel.channelId)
    const frame = await socket.next((f) => f.type === 'status_update', 500)
    expect(frame.status).toBe('payment_detected')
    expect((frame.channel as Frame).txHash).toMatch(/^[0-9a-f]{64}$/)
    socket.ws.close()
  })

  it('repeats "Payment channel not found" every interval for an unknown channel', async () => {
    const { socket, first } = await subscribed(sim, 'a'.repeat(32))
    expect(first).toEqual({
      type: 'error',
      message: 'Payment channel not found',
      channelId: 'a'.repeat(32),
      timestamp: expect.stringMatching(ISO),
    })
    const again = await socket.next((f) => f.type === 'error', 500)
    expect(again.message).toBe('Payment channel not found')
    socket.ws.close()
  })

  it('answers "Channel ID required" without a channel id', async () => {
    const socket = await welcomed(sim)
    socket.send({ type: 'subscribe' })
    expect(await socket.next()).toEqual({ type: 'error', message: 'Channel ID required' })
    socket.send({ type: 'subscribe', channelId: 42 })
    expect(await socket.next()).toEqual({ type: 'error', message: 'Channel ID required' })
    socket.ws.close()
  })
})

describe('other client messages', () => {
  it('answers ping with a pong carrying a timestamp', async () => {
    const socket = await welcomed(sim)
    socket.send({ type: 'ping' })
    expect(await socket.next()).toEqual({ type: 'pong', timestamp: expect.stringMatching(ISO) })
    socket.ws.close()
  })

  it('answers unreadable frames with "Invalid message format" and details', async () => {
    const socket = await welcomed(sim)
    for (const bad of ['{not json', '[1,2]', 'null']) {
      socket.send(bad)
      const error = await socket.next()
      expect(error).toMatchObject({ type: 'error', message: 'Invalid message format', timestamp: expect.stringMatching(ISO) })
      expect(typeof error.details).toBe('string')
    }
    socket.ws.close()
  })

  it('answers an unknown type with "Unknown message type" and the received type', async () => {
    const socket = await welcomed(sim)
    socket.send({ type: 'launch_rockets' })
    expect(await socket.next()).toEqual({ type: 'error', message: 'Unknown message type', receivedType: 'launch_rockets' })
    socket.send({ type: { nested: 1 } })
    expect(await socket.next()).toEqual({ type: 'error', message: 'Unknown message type' })
    socket.ws.close()
  })

  it('payment_sent on a waiting channel: payment_sent_confirmed, then a status_update at payment_detected', async () => {
    const channel = sim.createChannel({ currency: 'BNB' })
    const { socket } = await subscribed(sim, channel.channelId)
    const txHash = 'ab'.repeat(32)
    socket.send({ type: 'payment_sent', channelId: channel.channelId, txHash })
    const confirmed = await socket.next((f) => f.type !== 'status_update' || f.status === 'payment_detected')
    expect(confirmed).toMatchObject({
      type: 'payment_sent_confirmed',
      channelId: channel.channelId,
      txHash,
      message: expect.any(String),
      note: expect.any(String),
    })
    const update = await socket.next((f) => f.type === 'status_update' && f.status === 'payment_detected')
    expect((update.channel as Frame).txHash).toBe(txHash)
    expect(sim.app.store.get(channel.channelId)?.txHash).toBe(txHash)

    // A second report on a channel that already has its payment: payment_verified, then status.
    socket.send({ type: 'payment_sent', channelId: channel.channelId, txHash: 'cd'.repeat(32) })
    const verified = await socket.next((f) => f.type === 'payment_verified')
    expect(verified).toMatchObject({ channelId: channel.channelId, txHash, message: expect.any(String) })
    expect(verified.transaction).toBeTypeOf('object')
    await socket.next((f) => f.type === 'status_update')
    socket.ws.close()
  })

  it('payment_sent with a bad hash or an unknown channel is refused with an error frame', async () => {
    const channel = sim.createChannel()
    const { socket } = await subscribed(sim, channel.channelId)
    socket.send({ type: 'payment_sent', channelId: channel.channelId, txHash: '<script>' })
    expect(await socket.next((f) => f.type === 'error')).toMatchObject({ message: 'Failed to process payment transaction' })
    socket.send({ type: 'payment_sent', channelId: 'b'.repeat(32), txHash: 'ab'.repeat(32) })
    expect(await socket.next((f) => f.type === 'error')).toMatchObject({ message: 'Payment channel not found' })
    expect(sim.app.store.get(channel.channelId)?.txHash).toBeNull()
    socket.ws.close()
  })

  it('closes with 1009 when a client frame is too big', async () => {
    const socket = await welcomed(sim)
    socket.send({ type: 'ping', pad: 'x'.repeat(70 * 1024) })
    expect((await socket.closed).code).toBe(1009)
  })
})

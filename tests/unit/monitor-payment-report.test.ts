import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody } from '../support/channel'
import { flush } from '../support/fetch'
import { VERIFY_TIMEOUT_MS } from '../../src/core/machine/paymentReporter'
import { NOT_REACHED } from '../../src/core/machine/verifyTransaction'
import { bringUp, createTestMonitor } from '../support/monitor'

describe('reporting a sent payment', () => {
  it('goes over the socket when open, else over HTTP', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(sockets.last)
    const hash = 'ab'.repeat(32)
    const overSocket = monitor.reportPaymentSent(`0x${hash}`)
    expect(sockets.last.sentOfType('payment_sent')).toEqual([{ type: 'payment_sent', channelId: CHANNEL_ID, txHash: hash }])
    sockets.last.serverSend({ type: 'payment_sent_confirmed', channelId: CHANNEL_ID, txHash: hash, message: 'Payment notification received' })
    expect(await overSocket).toEqual({ ok: true, via: 'websocket', message: 'Payment notification received' })

    sockets.last.serverClose(1006)
    const overHttp = monitor.reportPaymentSent(hash)
    await flush()
    const post = http.requests.find((r) => r.method === 'POST')!
    expect(post.url).toBe('https://test.example/api/onboarding/payment/verify-transaction')
    expect(JSON.parse(post.body!)).toEqual({ channelId: CHANNEL_ID, txHash: hash })
    await post.respond({ status: 200, body: { success: true, message: 'Transaction verified' } })
    expect(await overHttp).toEqual({ ok: true, via: 'http', message: 'Transaction verified' })
    expect(await monitor.reportPaymentSent('not-a-hash')).toMatchObject({ ok: false })
  })

  it('falls back to HTTP when the socket does not answer within 10 s', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(sockets.last)
    const result = monitor.reportPaymentSent('cd'.repeat(32))
    clock.advance(9999)
    await flush()
    expect(http.requests.some((r) => r.method === 'POST')).toBe(false)
    clock.advance(1)
    await flush()
    const post = http.requests.find((r) => r.method === 'POST')!
    await post.respond({ status: 200, body: { success: true, message: 'Transaction verified' } })
    expect(await result).toMatchObject({ ok: true, via: 'http' })
  })
})

describe('reporting a sent payment never leaves the payer waiting', () => {
  const hash = 'ef'.repeat(32)

  it('gives up on a POST that has no answer after VERIFY_TIMEOUT_MS, and says the payment is still watched', async () => {
    const { monitor, http, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    let settled = false
    const result = monitor.reportPaymentSent(hash).finally(() => (settled = true))
    await flush()
    const post = http.requests.find((r) => r.method === 'POST')!
    clock.advance(VERIFY_TIMEOUT_MS - 1)
    await flush()
    expect(settled).toBe(false)
    clock.advance(1)
    await flush()
    expect(post.signal?.aborted).toBe(true)
    expect(await result).toEqual({ ok: false, via: 'http', message: NOT_REACHED, note: 'not_reached' })
    expect(monitor.getSnapshot().events.map((e) => e.message)).toContain('verify-transaction: no answer in time, or monitoring stopped')
  })

  it('aborts a POST on its way when monitoring stops', async () => {
    const { monitor, http } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    const result = monitor.reportPaymentSent(hash)
    await flush()
    const post = http.requests.find((r) => r.method === 'POST')!
    monitor.stop()
    expect(post.signal?.aborted).toBe(true)
    expect(await result).toEqual({ ok: false, via: 'http', message: NOT_REACHED, note: 'not_reached' })
  })

  it("sends nothing more when monitoring stops while the socket's answer is awaited", async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(sockets.last)
    const result = monitor.reportPaymentSent(hash)
    expect(sockets.last.sentOfType('payment_sent')).toHaveLength(1)
    monitor.stop()
    expect(await result).toEqual({ ok: false, via: 'http', message: NOT_REACHED, note: 'not_reached' })
    await flush()
    expect(http.requests.filter((r) => r.method === 'POST')).toEqual([])
  })

  it('still reports over HTTP when only the socket is lost', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(sockets.last)
    const result = monitor.reportPaymentSent(hash)
    sockets.last.serverClose(1006)
    await flush()
    const post = http.requests.find((r) => r.method === 'POST')!
    await post.respond({ status: 200, body: { success: true, message: 'Transaction verified' } })
    expect(await result).toEqual({ ok: true, via: 'http', message: 'Transaction verified' })
  })
})

describe('reporting a sent payment: the hash rule, the fallbacks, and the log', () => {
  const commandLog = (monitor: ReturnType<typeof createTestMonitor>['monitor']) =>
    monitor.getSnapshot().events.filter((e) => e.kind === 'command').map((e) => `${e.level}: ${e.message}`)

  it('without a hash: thanks the payer and checks the status now, sending nothing', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(sockets.last)
    expect(await monitor.reportPaymentSent('   ')).toEqual({ ok: true, via: 'http', message: 'Thanks. We are watching for your payment.', note: 'watching' })
    expect(sockets.last.sentOfType('payment_sent')).toHaveLength(0)
    expect(http.requests.map((r) => r.method)).toEqual(['GET', 'GET'])
    expect(commandLog(monitor)).toContain('info: Payment reported as sent (no transaction hash): checking now')
  })

  it('takes a hash with spaces around it and a 0x prefix, but not one with 0x inside', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(sockets.last)
    const hash = 'ab'.repeat(32)
    void monitor.reportPaymentSent(`  0X${hash}  `)
    expect(sockets.last.sentOfType('payment_sent')).toEqual([{ type: 'payment_sent', channelId: CHANNEL_ID, txHash: hash }])
    expect(commandLog(monitor)).toContain('info: Payment reported as sent, tx ababab…abab')
    expect(await monitor.reportPaymentSent(`${'ab'.repeat(16)}0x${'cd'.repeat(16)}`)).toEqual({
      ok: false,
      via: 'http',
      message: 'A transaction hash is 32 to 128 hexadecimal characters.',
      note: 'bad_length',
    })
  })

  it('goes over HTTP at once when the socket is lost while waiting for its answer', async () => {
    const { monitor, http, sockets } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(sockets.last)
    const result = monitor.reportPaymentSent('cd'.repeat(32))
    sockets.last.serverClose(1006)
    await flush()
    const post = http.requests.find((r) => r.method === 'POST')!
    expect(post).toBeDefined()
    await post.respond({ status: 200, body: { success: true, message: 'Transaction verified' } })
    expect(await result).toEqual({ ok: true, via: 'http', message: 'Transaction verified' })
    expect(commandLog(monitor)).toContain('info: verify-transaction: HTTP 200')
  })

  it('says in the log when the socket did not answer in time', async () => {
    const { monitor, http, sockets, clock } = createTestMonitor()
    monitor.start(CHANNEL_ID)
    await http.last.respond({ status: 200, body: pollBody('pending') })
    bringUp(sockets.last)
    void monitor.reportPaymentSent('cd'.repeat(32))
    clock.advance(10000)
    expect(commandLog(monitor)).toContain('warn: No answer to payment_sent over the socket: reporting over HTTP')
  })
})

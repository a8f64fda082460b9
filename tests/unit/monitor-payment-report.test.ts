import { describe, expect, it } from 'vitest'
import { CHANNEL_ID, pollBody } from '../support/channel'
import { flush } from '../support/fetch'
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

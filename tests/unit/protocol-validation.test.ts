import { describe, expect, it } from 'vitest'
import { MAX_INBOUND_CHARS, parseApiError, parsePollBody, parseServerFrame } from '../../src/core/protocol/parse'
import { pollBody, statusFrame } from '../support/channel'

describe('parseServerFrame', () => {
  it('accepts every server message type of the protocol', () => {
    const frames = [
      { type: 'connected', message: 'WebSocket connection established', timestamp: '2026-11-25T12:00:00Z', server: 'DLUX Payment Monitor', connectionId: 'x1' },
      statusFrame('confirming'),
      { type: 'error', message: 'Payment channel not found', channelId: 'abc', timestamp: '2026-11-25T12:00:00Z' },
      { type: 'payment_verified', channelId: 'abc', txHash: 'ff', message: 'ok', transaction: { a: 1 } },
      { type: 'payment_sent_confirmed', channelId: 'abc', txHash: 'ff', message: 'ok', note: 'n' },
      { type: 'pong', timestamp: '2026-11-25T12:00:00Z' },
    ]
    for (const frame of frames) {
      const result = parseServerFrame(JSON.stringify(frame))
      expect(result.kind, JSON.stringify(frame)).toBe('message')
    }
  })

  it.each([
    ['not JSON', '{"type":', /malformed JSON/],
    ['a JSON array', '[1,2]', /an array, not an object/],
    ['a JSON string', '"hello"', /string, not an object/],
    ['null', 'null', /null, not an object/],
    ['no type', '{"message":"x"}', /no string "type"/],
    ['numeric type', '{"type":5}', /no string "type"/],
    ['status_update without channelId', JSON.stringify({ type: 'status_update', status: 'waiting_payment' }), /missing field "channelId"/],
    ['status as a number', JSON.stringify({ type: 'status_update', channelId: 'a', status: 3 }), /field "status" should be string, got number/],
    ['progress as a string', JSON.stringify({ ...statusFrame('confirming'), progress: '50' }), /field "progress" should be number/],
    ['channel as an array', JSON.stringify({ ...statusFrame('confirming'), channel: [] }), /field "channel" should be object/],
    ['amount as a string', JSON.stringify(statusFrame('confirming', {}, { amountCrypto: '1' })), /"amountCrypto" should be number/],
    ['confirmations NaN-ish', JSON.stringify(statusFrame('confirming', {}, { confirmations: null })), /"confirmations" should be number, got null/],
    ['error without message', JSON.stringify({ type: 'error' }), /missing field "message"/],
  ])('rejects %s with a reason', (_name, data, reason) => {
    const result = parseServerFrame(data)
    expect(result.kind).toBe('rejected')
    if (result.kind === 'rejected') expect(result.reason).toMatch(reason)
  })

  it('rejects binary frames and frames over the size limit without parsing them', () => {
    expect(parseServerFrame(new ArrayBuffer(4))).toEqual({ kind: 'rejected', reason: 'binary frame (expected JSON text)' })
    const huge = JSON.stringify({ ...statusFrame('confirming'), details: 'x'.repeat(MAX_INBOUND_CHARS) })
    const result = parseServerFrame(huge)
    expect(result.kind).toBe('rejected')
    if (result.kind === 'rejected') expect(result.reason).toMatch(/exceeds/)
  })

  it('ignores unknown types quietly: the socket also carries other features', () => {
    expect(parseServerFrame('{"type":"chat_message","text":"hi"}')).toEqual({ kind: 'ignored', type: 'chat_message' })
  })

  it('keeps HTML in server strings as inert text', () => {
    const result = parseServerFrame(JSON.stringify(statusFrame('confirming', { message: '<img src=x onerror="alert(1)">' })))
    expect(result.kind).toBe('message')
    if (result.kind === 'message' && result.message.type === 'status_update') {
      expect(result.message.message).toBe('<img src=x onerror="alert(1)">')
    }
  })

  it('does not let __proto__ keys pollute objects', () => {
    const result = parseServerFrame('{"type":"pong","__proto__":{"polluted":true}}')
    expect(result.kind).toBe('message')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('drops an out-of-range progress rather than the whole frame', () => {
    const result = parseServerFrame(JSON.stringify({ ...statusFrame('confirming'), progress: 250 }))
    expect(result.kind).toBe('message')
    if (result.kind === 'message' && result.message.type === 'status_update') expect(result.message.progress).toBeUndefined()
  })
})

describe('parsePollBody', () => {
  it('accepts the 200 shape', () => {
    expect(parsePollBody(JSON.stringify(pollBody('pending'))).ok).toBe(true)
  })

  it.each([
    ['an HTML error page', '<html><body>502 Bad Gateway</body></html>', /HTML instead of JSON/],
    ['success false', JSON.stringify({ success: false, error: 'x' }), /"success" is not true/],
    ['no channel', JSON.stringify({ success: true }), /missing object "channel"/],
    ['wrong-typed status', JSON.stringify(pollBody('pending', { status: 1 })), /"status" should be string/],
    ['wrong-typed instructions', JSON.stringify(pollBody('pending', { instructions: [1] })), /"instructions" should be string array/],
    ['oversized body', 'x'.repeat(MAX_INBOUND_CHARS + 1), /exceeds/],
  ])('rejects %s', (_name, text, reason) => {
    const result = parsePollBody(text)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.reason).toMatch(reason)
  })

  it('reads the API error shape and nothing else', () => {
    expect(parseApiError('{"success":false,"error":"Payment channel not found"}')?.error).toBe('Payment channel not found')
    expect(parseApiError('<html>oops</html>')).toBeNull()
    expect(parseApiError('{"success":false}')).toBeNull()
  })
})

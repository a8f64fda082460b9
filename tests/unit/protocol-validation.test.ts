import { describe, expect, it } from 'vitest'
import { parseApiError, parseApiMessage, parsePollBody } from '../../src/core/protocol/bodies'
import { MAX_INBOUND_CHARS } from '../../src/core/protocol/fields'
import { parseServerFrame } from '../../src/core/protocol/frames'
import { API_PATHS, CURRENCIES, REQUIRED_CONFIRMATIONS, SERVER_ERRORS, WS_PATH } from '../../src/core/protocol/messages'
import { pollBody, statusFrame } from '../support/channel'

/** What JSON.parse itself says about a text. */
function jsonParseError(text: string): string {
  try {
    JSON.parse(text)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error(`${text} is valid JSON`)
}

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
    ['not JSON', '{"type":', /^malformed JSON \(.+\)$/],
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

  it('drops an out-of-range progress rather than the whole frame, and says so', () => {
    const result = parseServerFrame(JSON.stringify({ ...statusFrame('confirming'), progress: 250 }))
    expect(result.kind).toBe('message')
    if (result.kind === 'message' && result.message.type === 'status_update') expect(result.message.progress).toBeUndefined()
    expect(result.kind === 'message' && result.warnings).toEqual(['status_update: dropped field "progress" (250): not a number from 0 to 100'])
  })

  it('names each field it drops for an insane number and keeps the rest of the frame', () => {
    // 1e999 is valid JSON and parses to Infinity.
    const text = JSON.stringify({ ...statusFrame('confirming', {}, { confirmations: -1, amountCrypto: 0, amountUsd: 80 }), progress: 999 })
      .replace('"progress":999', '"progress":1e999')
    const result = parseServerFrame(text)
    if (result.kind !== 'message' || result.message.type !== 'status_update') throw new Error(`not a status: ${JSON.stringify(result)}`)
    expect(result.warnings).toEqual([
      'status_update: dropped field "progress" (Infinity): not a number from 0 to 100',
      'status_update.channel: dropped field "amountCrypto" (0): not a finite number above 0',
      'status_update.channel: dropped field "confirmations" (-1): not a whole number, 0 or more',
    ])
    expect(result.message.status).toBe('confirming')
    expect(result.message.progress).toBeUndefined()
    expect(result.message.channel).not.toHaveProperty('confirmations')
    expect(result.message.channel).not.toHaveProperty('amountCrypto')
    expect(result.message.channel?.amountUsd).toBe(80)
  })

  it.each([
    ['a fractional confirmation count', { confirmations: 1.5 }, 'confirmations', 'a whole number, 0 or more'],
    ['a negative dollar amount', { amountUsd: -3 }, 'amountUsd', 'a finite number above 0'],
    ['an amount of minus infinity', { amountCrypto: '-1e999' }, 'amountCrypto', 'a finite number above 0'],
  ])('drops %s from a frame', (_name, channel, field, rule) => {
    const text = JSON.stringify(statusFrame('confirming', {}, channel)).replace('"-1e999"', '-1e999')
    const result = parseServerFrame(text)
    expect(result.kind === 'message' && result.warnings?.[0]).toMatch(`dropped field "${field}"`)
    expect(result.kind === 'message' && result.warnings?.[0]).toMatch(`not ${rule}`)
  })

  it('keeps sane numbers, the ends of their ranges included, without a warning', () => {
    const result = parseServerFrame(JSON.stringify({ ...statusFrame('confirming', {}, { confirmations: 0, amountCrypto: 0.0001 }), progress: 0 }))
    expect(result).toEqual({ kind: 'message', message: expect.objectContaining({ progress: 0 }) })
    expect(parseServerFrame(JSON.stringify({ ...statusFrame('completed'), progress: 100 }))).not.toHaveProperty('warnings')
  })

  it('quotes and shortens a string it drops, so the message stays readable', () => {
    const result = parsePollBody(JSON.stringify(pollBody('pending', { amountFormatted: `<b>${'9'.repeat(60)}</b>` })))
    expect(result.ok && result.warnings).toEqual([
      `poll body channel: dropped field "amountFormatted" ("<b>${'9'.repeat(37)}…"): not a decimal amount above 0`,
    ])
    const forty = `-${'9'.repeat(39)}`
    const whole = parsePollBody(JSON.stringify(pollBody('pending', { amountFormatted: forty })))
    expect(whole.ok && whole.warnings?.[0]).toContain(`("${forty}")`)
  })

  it('accepts every field production sends, each with its documented type', () => {
    // Shapes from the production server (api/wsmonitor.js), every optional field present.
    const frames = [
      { type: 'connected', message: 'WebSocket connection established', timestamp: '2026-11-30T06:00:00.000Z', server: 'DLUX Payment Monitor', connectionId: 'k3j9x' },
      {
        ...statusFrame('payment_detected', { progress: 40 }, { memo: 'hive:alice', txHash: 'ab'.repeat(32), isExpired: false }),
        details: 'Transaction found: abababab...',
      },
      { type: 'error', message: 'Unknown message type', details: 'x', channelId: 'c', receivedType: 'hello', timestamp: '2026-11-30T06:00:00.000Z' },
      { type: 'payment_verified', channelId: 'c', txHash: 'ff', message: '✅ Payment verified on blockchain', transaction: null, timestamp: '2026-11-30T06:00:00.000Z' },
      { type: 'payment_sent_confirmed', channelId: 'c', txHash: 'ff', message: 'm', note: 'n', timestamp: '2026-11-30T06:00:00.000Z' },
      { type: 'pong', timestamp: '2026-11-30T06:00:00.000Z' },
      { type: 'pong' },
      { type: 'status_update', channelId: 'c', status: 'waiting_payment' },
    ]
    for (const frame of frames) expect(parseServerFrame(JSON.stringify(frame)), frame.type).toEqual({ kind: 'message', message: frame })
  })

  it('requires the fields a message cannot do without', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ type: 'status_update', channelId: 'c' }, 'status_update: missing field "status"'],
      [{ type: 'payment_verified', txHash: 'ff' }, 'payment_verified: missing field "channelId"'],
      [{ type: 'payment_verified', channelId: 'c' }, 'payment_verified: missing field "txHash"'],
      [{ type: 'payment_sent_confirmed', txHash: 'ff' }, 'payment_sent_confirmed: missing field "channelId"'],
      [{ type: 'payment_sent_confirmed', channelId: 'c' }, 'payment_sent_confirmed: missing field "txHash"'],
    ]
    for (const [frame, reason] of cases) expect(parseServerFrame(JSON.stringify(frame))).toEqual({ kind: 'rejected', reason })
  })

  it('applies the status number rules to status frames only', () => {
    const other = { type: 'error', message: 'x', progress: 500, channel: { confirmations: -1 } }
    expect(parseServerFrame(JSON.stringify(other))).toEqual({ kind: 'message', message: other })
  })

  it('ignores types that only look like object internals', () => {
    for (const type of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(parseServerFrame(JSON.stringify({ type }))).toEqual({ kind: 'ignored', type })
    }
  })

  it('names the field and the type it got for every wrong-typed field', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ type: 'connected', connectionId: 7 }, /^connected: field "connectionId" should be string, got number$/],
      [{ type: 'error', message: 'x', channelId: ['a'] }, /^error: field "channelId" should be string, got an array$/],
      [{ type: 'payment_verified', channelId: 'a', txHash: null }, /^payment_verified: field "txHash" should be string, got null$/],
      [{ type: 'payment_sent_confirmed', channelId: 'a', txHash: 'ff', note: {} }, /^payment_sent_confirmed: field "note" should be string, got object$/],
      [{ type: 'pong', timestamp: 1 }, /^pong: field "timestamp" should be string, got number$/],
      [statusFrame('confirming', {}, { isExpired: 'no' }), /^status_update\.channel: field "isExpired" should be boolean, got string$/],
      [statusFrame('confirming', {}, { memo: 5 }), /^status_update\.channel: field "memo" should be string or null, got number$/],
    ]
    for (const [frame, reason] of cases) {
      const result = parseServerFrame(JSON.stringify(frame))
      expect(result.kind === 'rejected' && result.reason, JSON.stringify(frame)).toMatch(reason)
    }
  })

  it('accepts a frame of exactly the size limit', () => {
    const base = JSON.stringify({ type: 'pong', timestamp: '' })
    const padded = JSON.stringify({ type: 'pong', timestamp: 'x'.repeat(MAX_INBOUND_CHARS - base.length) })
    expect(padded.length).toBe(MAX_INBOUND_CHARS)
    expect(parseServerFrame(padded).kind).toBe('message')
    expect(parseServerFrame(`${padded} `)).toEqual({
      kind: 'rejected',
      reason: `frame of ${MAX_INBOUND_CHARS + 1} characters exceeds the ${MAX_INBOUND_CHARS} limit`,
    })
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
    ['partly wrong-typed instructions', JSON.stringify(pollBody('pending', { instructions: ['Send', 1] })), /"instructions" should be string array, got an array/],
    ['instructions as one string', JSON.stringify(pollBody('pending', { instructions: 'Send it' })), /"instructions" should be string array, got string/],
    ['an array body', '[]', /^body is an array, not an object$/],
    ['a channel that is an array', JSON.stringify({ success: true, channel: [] }), /missing object "channel"/],
    ['success as a string', JSON.stringify({ ...pollBody('pending'), success: 'true' }), /"success" is not true/],
    ['an oversized body, exactly', 'x'.repeat(MAX_INBOUND_CHARS + 1), new RegExp(`^body of ${MAX_INBOUND_CHARS + 1} characters exceeds the ${MAX_INBOUND_CHARS} limit$`)],
    ['oversized body', 'x'.repeat(MAX_INBOUND_CHARS + 1), /exceeds/],
  ])('rejects %s', (_name, text, reason) => {
    const result = parsePollBody(text)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.reason).toMatch(reason)
  })

  it.each([
    ['a negative confirmation count', { confirmations: -2 }, 'confirmations', 'a whole number, 0 or more'],
    ['zero required confirmations', { confirmationsRequired: 0 }, 'confirmationsRequired', 'a whole number, 1 or more'],
    ['a fractional required count', { confirmationsRequired: 1.5 }, 'confirmationsRequired', 'a whole number, 1 or more'],
    ['a progress below zero', { progress: -1 }, 'progress', 'a number from 0 to 100'],
    ['a negative time left', { timeLeft: -5 }, 'timeLeft', 'a finite number, 0 or more'],
    ['a negative amount', { amountFormatted: '-0.5 BTC' }, 'amountFormatted', 'a decimal amount above 0'],
    ['an amount in exponent form', { amountFormatted: '1e-7 BTC' }, 'amountFormatted', 'a decimal amount above 0'],
    ['an amount with two suffixes', { amountFormatted: '0.5 BTC BTC' }, 'amountFormatted', 'a decimal amount above 0'],
    ['an amount after other words', { amountFormatted: 'about 0.5 BTC' }, 'amountFormatted', 'a decimal amount above 0'],
  ])('drops %s from a poll answer, with a warning naming it', (_name, channel, field, rule) => {
    const result = parsePollBody(JSON.stringify(pollBody('confirming', channel)))
    if (!result.ok) throw new Error(result.reason)
    expect(result.value.channel).not.toHaveProperty(field)
    expect(result.warnings).toHaveLength(1)
    expect(result.warnings?.[0]).toMatch(new RegExp(`^poll body channel: dropped field "${field}" \\(.+\\): not ${rule}$`))
  })

  it('accepts every field of production’s poll answer, each with its documented type', () => {
    // Shape of GET /api/onboarding/payment/status/:channelId in api/onboarding.js.
    const body = pollBody('completed', {
      statusDetails: 'Welcome to HIVE, @alice!',
      progress: 100,
      confirmations: 2,
      confirmedAt: '2026-11-30T05:00:00.000Z',
      accountCreatedAt: null,
      txHash: 'ab'.repeat(32),
      memo: 'hive:alice',
      publicKeys: { owner: 'STM...', active: 'STM...' },
      isExpired: false,
      timeLeft: 1200,
      instructions: ['Send exactly 0.0012 BTC to the address above'],
    })
    expect(parsePollBody(JSON.stringify(body))).toEqual({ ok: true, value: body })
    expect(parsePollBody(JSON.stringify(pollBody('pending', { channelId: undefined })))).toEqual({
      ok: false,
      reason: 'poll body channel: missing field "channelId"',
    })
    expect(parsePollBody(JSON.stringify(pollBody('pending', { confirmedAt: 5 })))).toEqual({
      ok: false,
      reason: 'poll body channel: field "confirmedAt" should be string or null, got number',
    })
  })

  it('reads a poll answer of exactly the size limit', () => {
    const base = JSON.stringify(pollBody('pending', { statusDetails: '' }))
    const text = JSON.stringify(pollBody('pending', { statusDetails: 'x'.repeat(MAX_INBOUND_CHARS - base.length) }))
    expect(text.length).toBe(MAX_INBOUND_CHARS)
    expect(parsePollBody(text).ok).toBe(true)
  })

  it('keeps a sane poll answer whole, without warnings', () => {
    const body = pollBody('confirming', { amountFormatted: '0.00123456 BTC', confirmations: 1, confirmationsRequired: 2, progress: 55, timeLeft: 0 })
    expect(parsePollBody(JSON.stringify(body))).toEqual({ ok: true, value: body })
  })

  it('turns a non-finite number into a dropped field, not a rejected answer', () => {
    const text = JSON.stringify(pollBody('confirming', { progress: 1 })).replace('"progress":1', '"progress":1e999')
    const result = parsePollBody(text)
    expect(result.ok && result.warnings).toEqual(['poll body channel: dropped field "progress" (Infinity): not a number from 0 to 100'])
  })

  it('says where malformed JSON broke, and spots an HTML page behind whitespace', () => {
    const broken = parsePollBody('{"success":')
    expect(!broken.ok && broken.reason).toBe(`malformed JSON (${jsonParseError('{"success":')})`)
    expect(parseServerFrame('{"type":')).toEqual({ kind: 'rejected', reason: `malformed JSON (${jsonParseError('{"type":')})` })
    const html = parsePollBody('\n  <!doctype html><title>404</title>')
    expect(!html.ok && html.reason).toBe('HTML instead of JSON (a proxy error page?)')
    const notObject = parsePollBody('[]')
    expect(!notObject.ok && notObject.reason).toBe('body is an array, not an object')
  })

  it('reads the API error shape and nothing else', () => {
    expect(parseApiError('{"success":false,"error":"Payment channel not found"}')?.error).toBe('Payment channel not found')
    expect(parseApiError('<html>oops</html>')).toBeNull()
    expect(parseApiError('{"success":false}')).toBeNull()
    expect(parseApiError('{"success":true,"error":"x"}')).toBeNull()
    expect(parseApiError('{"error":"x"}')).toBeNull()
    expect(parseApiError('{"success":false,"error":7}')).toBeNull()
  })

  it('reads the verify-transaction answer: its message, else its error, and whether it succeeded', () => {
    expect(parseApiMessage('{"success":true,"message":"Verified"}')).toEqual({ success: true, message: 'Verified' })
    expect(parseApiMessage('{"success":false,"error":"Input validation failed"}')).toEqual({ success: false, message: 'Input validation failed' })
    expect(parseApiMessage('{"success":false,"message":"m","error":"e"}')).toEqual({ success: false, message: 'm' })
    expect(parseApiMessage('{"success":"yes","message":5,"error":null}')).toEqual({ success: false, message: null })
    expect(parseApiMessage('{"success":false,"error":7}')).toEqual({ success: false, message: null })
    expect(parseApiMessage('<!doctype html>')).toBeNull()
  })
})

describe('wire constants, word for word as the production server has them', () => {
  // api/wsmonitor.js and api/onboarding.js of the production backend.
  it('knows the error texts the server sends', () => {
    expect(SERVER_ERRORS).toEqual({
      channelNotFound: 'Payment channel not found',
      channelIdRequired: 'Channel ID required',
      invalidFormat: 'Invalid message format',
      unknownType: 'Unknown message type',
      statusFailed: 'Failed to get channel status',
    })
  })

  it('requires the confirmations of the backend’s currency config (not the socket’s own table)', () => {
    expect(REQUIRED_CONFIRMATIONS).toEqual({ BTC: 2, SOL: 1, ETH: 2, MATIC: 10, BNB: 3 })
    expect(CURRENCIES).toEqual(['BTC', 'SOL', 'ETH', 'MATIC', 'BNB'])
  })

  it('uses the server’s routes, with the channel ID encoded as one path segment', () => {
    expect(WS_PATH).toBe('/ws/payment-monitor')
    expect(API_PATHS.status('abc_DEF-123')).toBe('/api/onboarding/payment/status/abc_DEF-123')
    expect(API_PATHS.status('a/b?c')).toBe('/api/onboarding/payment/status/a%2Fb%3Fc')
    expect(API_PATHS.pricing).toBe('/api/onboarding/pricing')
    expect(API_PATHS.initiate).toBe('/api/onboarding/payment/initiate')
    expect(API_PATHS.verifyTransaction).toBe('/api/onboarding/payment/verify-transaction')
  })
})

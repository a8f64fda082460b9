import { describe, expect, it } from 'vitest'
import { newAttemptRecord } from '../../src/core/transports/socketAttempt'

describe('socket attempt record', () => {
  it('starts knowing only its number, URL and start; every outcome is still blank', () => {
    expect(newAttemptRecord(3, 'wss://test.example/ws', 1700000000000)).toEqual({
      id: 3,
      url: 'wss://test.example/ws',
      startedAt: 1700000000000,
      openMs: null,
      welcomeMs: null,
      lifetimeMs: null,
      quietMs: null,
      closeCode: null,
      closeReason: '',
      wasClean: null,
      closedBy: null,
      clientReason: null,
      failed: null,
    })
  })
})

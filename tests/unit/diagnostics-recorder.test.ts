import { describe, expect, it } from 'vitest'
import { DiagnosticsRecorder, LOG_LIMITS } from '../../src/core/machine/recorder'
import { newAttemptRecord, type SocketAttempt } from '../../src/core/transports/socketAttempt'
import { FakeClock } from '../support/clock'

function attempt(id: number, overrides: Partial<SocketAttempt>): SocketAttempt {
  return { ...newAttemptRecord(id, 'wss://test.example/ws', 0), ...overrides }
}

describe('the diagnostics recorder', () => {
  it('keeps the last close the app did not ask for; its own closes never overwrite it', () => {
    const recorder = new DiagnosticsRecorder(new FakeClock())
    recorder.attemptEnded(attempt(1, { closeCode: 1006, closedBy: 'network' }))
    recorder.attemptEnded(attempt(2, { closeCode: 1000, closedBy: 'client', clientReason: 'payment completed' }))
    recorder.attemptEnded(attempt(3, { closeCode: 4001, closedBy: 'client', clientReason: 'heartbeat timeout' }))
    expect(recorder.view().lastCloseCode).toBe(1006)
    recorder.attemptEnded(attempt(4, { closeCode: 1012, closedBy: 'server' }))
    expect(recorder.view().lastCloseCode).toBe(1012)
  })

  it('numbers attempts from 1 and keeps every list bounded', () => {
    const changes: number[] = []
    const recorder = new DiagnosticsRecorder(new FakeClock(), () => changes.push(1))
    expect(recorder.attemptStarted()).toBe(1)
    expect(recorder.attemptStarted()).toBe(2)
    for (let i = 0; i < 500; i++) {
      recorder.log('socket', 'info', `event ${i}`)
      recorder.attemptEnded(attempt(i, { closeCode: 1006, closedBy: 'network' }))
      recorder.pollFailed(503, 'busy')
    }
    const view = recorder.view()
    expect(view.events).toHaveLength(200)
    expect(view.events.at(-1)?.message).toBe('event 499')
    expect(view.attempts).toHaveLength(50)
    expect(view.attempts.at(-1)?.id).toBe(499)
    expect(view.pollFailures).toHaveLength(20)
    // The limits the heap benchmark waits for are the ones applied.
    expect(LOG_LIMITS).toEqual({ events: 200, attempts: 50, pollFailures: 20 })
    expect(view.wsAttempts).toBe(2)
    expect(changes.length).toBe(1500)
  })

  it('counts, and starts the counters over for a new channel', () => {
    const recorder = new DiagnosticsRecorder(new FakeClock())
    recorder.count('framesIn')
    recorder.count('framesIn')
    recorder.count('polls')
    expect(recorder.view().counters).toMatchObject({ framesIn: 2, polls: 1, errors: 0 })
    recorder.resetCounters()
    expect(recorder.view().counters.framesIn).toBe(0)
  })
})

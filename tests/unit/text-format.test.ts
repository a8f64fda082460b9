import { describe, expect, it } from 'vitest'
import { formatClock, formatDuration, formatMs, formatRelative, formatSpan, formatTimeOfDay, shorten, wholeSeconds } from '../../src/core/format'
import { blockedEndpoints } from '../../src/core/diagnostics/mixedContent'

describe('text formatters', () => {
  it('shortens long values and leaves short ones', () => {
    expect(shorten('abcdefghijklmnop')).toBe('abcdef…mnop')
    expect(shorten('abcdefghijkl')).toBe('abcdefghijkl')
    expect(shorten('abcdefghijklm')).toBe('abcdef…jklm')
    expect(shorten('a1b2c3d4e5f60718293a', 8, 6)).toBe('a1b2c3d4…18293a')
  })

  it('writes a duration in ms below a second and in tenths of a second from one on', () => {
    expect(formatDuration(233.4)).toBe('233 ms')
    expect(formatDuration(999)).toBe('999 ms')
    expect(formatDuration(1000)).toBe('1.0 s')
    expect(formatDuration(4260)).toBe('4.3 s')
  })

  it('formats spans, clocks, milliseconds and relative moments', () => {
    expect(wholeSeconds(1001)).toBe(2)
    expect(wholeSeconds(-5)).toBe(0)
    expect(formatSpan(4_000)).toBe('4 s')
    expect(formatSpan(12 * 60_000)).toBe('12 min')
    expect(formatSpan(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 05 min')
    expect(formatClock(14 * 60_000 + 5_000)).toBe('14:05')
    expect(formatClock(3_600_000 + 2 * 60_000 + 9_000)).toBe('1:02:09')
    expect(formatMs(232.6)).toBe('233 ms')
    expect(formatMs(null)).toBe('–')
    expect(formatRelative(10_000, 6_000)).toBe('in 4 s')
    expect(formatRelative(0, 12_000)).toBe('12 s ago')
    expect(formatRelative(5_000, 5_200)).toBe('now')
    expect(formatRelative(null, 0)).toBe('–')
    const at = new Date(2026, 10, 25, 9, 5, 7, 42).getTime()
    expect(formatTimeOfDay(at)).toBe('09:05:07.042')
  })
})

describe('mixed content', () => {
  const insecure = { wsUrl: 'ws://data.example/ws', apiUrl: 'http://data.example' }
  it('lists the endpoints an https page would be blocked from', () => {
    expect(blockedEndpoints('https:', insecure)).toEqual(['ws://data.example/ws', 'http://data.example'])
    expect(blockedEndpoints('https:', { wsUrl: 'wss://a/ws', apiUrl: 'http://a' })).toEqual(['http://a'])
  })
  it('finds nothing on an http page or with secure endpoints', () => {
    expect(blockedEndpoints('http:', insecure)).toEqual([])
    expect(blockedEndpoints('https:', { wsUrl: 'wss://a/ws', apiUrl: 'https://a' })).toEqual([])
    expect(blockedEndpoints(null, insecure)).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { checkChannelId, isValidChannelId } from '../../src/core/protocol/channelId'

describe('the ?channelId= rule: 8 to 128 of A-Z a-z 0-9 _ -', () => {
  it('accepts both ends of the length range and every allowed character', () => {
    expect(checkChannelId('abcdefgh')).toEqual({ ok: true, channelId: 'abcdefgh' })
    expect(checkChannelId('a'.repeat(128))).toEqual({ ok: true, channelId: 'a'.repeat(128) })
    expect(isValidChannelId('AZaz09_-')).toBe(true)
  })

  it('trims what a paste adds around the ID', () => {
    expect(checkChannelId('  abcdefgh\n')).toEqual({ ok: true, channelId: 'abcdefgh' })
  })

  it('says what is wrong, one rule at a time', () => {
    expect(checkChannelId('   ')).toEqual({ ok: false, problem: 'empty' })
    expect(checkChannelId('abcdefg')).toEqual({ ok: false, problem: 'too_short' })
    expect(checkChannelId('a'.repeat(129))).toEqual({ ok: false, problem: 'too_long' })
    expect(checkChannelId('abcd efgh')).toEqual({
      ok: false,
      problem: 'characters',
    })
  })

  it('checks the whole ID, not a valid run inside it', () => {
    for (const bad of ['abcdefgh/', '/abcdefgh', 'abcdefgh<script>', '../abcdefgh', 'a'.repeat(129), 'abcdefg']) {
      expect(isValidChannelId(bad), bad).toBe(false)
    }
    expect(checkChannelId('abcdefgh?x=1').ok).toBe(false)
    expect(checkChannelId('?x=1abcdefgh').ok).toBe(false)
  })
})

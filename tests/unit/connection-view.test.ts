import { describe, expect, it } from 'vitest'
import { connectionView, type ConnectionInput } from '../../src/view/connectionView'
import { NOW, makeSnapshot } from '../component/fixtures'
import { english } from '../support/i18n'

const view = (overrides: Partial<ConnectionInput> = {}, stopped = false) =>
  connectionView(makeSnapshot({ lastUpdateAt: NOW - 3000, ...overrides }), stopped, NOW, english)

describe('the connection in a payer’s words', () => {
  it('says Live on a socket that delivers status', () => {
    expect(view()).toMatchObject({ tone: 'live', label: 'Live', canRetry: false, summary: 'Live connection working.' })
  })

  it('does not say Live while the socket cannot vouch for its status', () => {
    const v = view({ statusStale: true })
    expect(v.label).not.toBe('Live')
    expect(v.tone).toBe('connecting')
  })

  it('says how often it updates while polling, with no countdown and no close code', () => {
    const v = view({ state: 'polling', transport: 'polling', lastCloseCode: 1006 })
    expect(v.label).toBe('Updating every 5 sec')
    expect(v.detail).toBe('')
    expect(v.canRetry).toBe(true)
    expect(`${v.label} ${v.detail} ${v.summary} ${v.announce}`).not.toMatch(/1006|code|in \d+ s/)
    expect(v.summary).toMatch(/keeps dropping/)
    expect(view({ state: 'polling', transport: 'polling' }).summary).toMatch(/No live connection/)
    expect(view({ state: 'polling', transport: 'polling', pollIntervalMs: 2000 }).label).toBe('Updating every 2 sec')
  })

  it('says Connecting while an attempt is under way, without a retry button that would come and go', () => {
    expect(view({ state: 'connecting', transport: 'none' })).toMatchObject({ label: 'Connecting…', canRetry: false })
  })

  it('keeps the diagnostics out of the page until there is something to diagnose', () => {
    expect(view({ state: 'connecting', transport: 'none', lastUpdateAt: null }).diagnosable).toBe(false)
    expect(view({ state: 'connecting', transport: 'none' }).diagnosable).toBe(true)
    expect(view({ state: 'polling', transport: 'polling', lastUpdateAt: null }).diagnosable).toBe(true)
    expect(view({ state: 'failed', transport: 'none', lastUpdateAt: null }).diagnosable).toBe(true)
  })

  it('tells an unreachable server from an unknown channel, without repeating "not found"', () => {
    expect(view({ state: 'failed', transport: 'none', failureReason: 'unreachable' })).toMatchObject({
      label: 'Cannot reach the payment server',
      canRetry: true,
    })
    const notFound = view({ state: 'failed', transport: 'none', notFound: true, failureReason: 'not_found' })
    expect(notFound.label).toBe('Checking again once a minute')
    expect(`${notFound.label} ${notFound.detail} ${notFound.announce}`).not.toMatch(/not found/i)
    // One story with the card ("This page checks again once a minute"): nothing is "paused".
    expect(`${notFound.label} ${notFound.detail} ${notFound.announce} ${notFound.summary}`).not.toMatch(/paused/i)
  })

  it('says Offline whatever the state', () => {
    expect(view({ state: 'polling', transport: 'polling', online: false })).toMatchObject({ label: 'Offline', state: 'polling' })
  })

  it('says Finished at a terminal status and Not connected before starting', () => {
    expect(view({ state: 'idle', transport: 'none' }, true).label).toBe('Finished')
    expect(view({ state: 'idle', transport: 'none', lastUpdateAt: null }).label).toBe('Not connected')
  })

  it('gives the age of the last update and flags a frozen one only while updates are expected', () => {
    expect(view({ lastUpdateAt: null }).ageText).toBe('No update received yet')
    expect(view({ lastUpdateAt: NOW - 500 }).ageText).toBe('Last update just now')
    expect(view({ lastUpdateAt: NOW - 125_000 })).toMatchObject({ ageText: 'Last update 2 min. ago', stale: true })
    expect(view({ lastUpdateAt: NOW - 29_000 }).stale).toBe(false)
    expect(view({ state: 'polling', pollIntervalMs: 20_000, lastUpdateAt: NOW - 45_000 }).stale).toBe(false)
    expect(view({ state: 'idle', transport: 'none', lastUpdateAt: NOW - 125_000 }, true).stale).toBe(false)
  })
})

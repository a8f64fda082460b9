/**
 * The page's entry: a valid `?channelId=` starts the socket and the status request before the
 * app loads; no channel, or an invalid one, starts nothing (CONTRACT: no network request).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { prestarted } from '../../src/boot/prestart'

vi.mock('../../src/main', () => ({}))

const sockets: string[] = []
const requests: string[] = []

beforeEach(() => {
  sockets.length = 0
  requests.length = 0
  prestarted.socket = null
  prestarted.request = null
  vi.stubGlobal(
    'WebSocket',
    class {
      onopen = null
      onmessage = null
      onerror = null
      onclose = null
      constructor(url: string) {
        sockets.push(url)
      }
      close() {}
    },
  )
  vi.stubGlobal('fetch', (url: string) => {
    requests.push(url)
    return new Promise(() => undefined)
  })
})

afterEach(() => {
  vi.unstubAllGlobals()
  vi.resetModules()
})

async function openPage(search: string): Promise<void> {
  vi.stubGlobal('location', { search, origin: 'http://127.0.0.1:5173' })
  await import('../../src/boot/entry')
}

describe('the entry', () => {
  it('starts the socket and the status request for a valid channel, trimmed as the page trims it', async () => {
    await openPage('?channelId=%20abcdefgh12345678%20')
    expect(sockets).toHaveLength(1)
    expect(requests).toEqual([expect.stringMatching(/\/api\/onboarding\/payment\/status\/abcdefgh12345678$/)])
    expect(prestarted.socket?.url).toBe(sockets[0])
  })

  it.each([
    ['no channel', ''],
    ['an empty channel', '?channelId='],
    ['too short a channel', '?channelId=abc'],
    ['a channel with other characters', '?channelId=abcdefgh%3Cscript%3E'],
  ])('starts nothing for %s', async (_label, search) => {
    await openPage(search)
    expect(sockets).toEqual([])
    expect(requests).toEqual([])
  })
})

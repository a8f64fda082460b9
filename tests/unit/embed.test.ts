import { describe, expect, it, vi } from 'vitest'
import { DEFAULT_EMBED_PARENT_ORIGINS } from '../../src/core/config'
import { createEmbedNotifier, parentOrigins, targetOrigins, type EmbedWindow } from '../../src/core/embed'
import { isEmbedded } from '../../src/core/embedded'

function framed(extra: Partial<EmbedWindow> = {}) {
  const postMessage = vi.fn()
  const win: EmbedWindow = { parent: { postMessage }, ...extra }
  return { win, postMessage }
}

describe('parentOrigins', () => {
  it('defaults to the DLUX sites', () => {
    expect(parentOrigins(undefined)).toEqual(['https://dlux.io', 'https://www.dlux.io', 'https://vue.dlux.io'])
    expect(parentOrigins('')).toEqual([...DEFAULT_EMBED_PARENT_ORIGINS])
  })

  it('reads a comma list, normalizes and drops what is not an origin', () => {
    expect(parentOrigins(' https://a.example/path , http://localhost:5173, javascript:alert(1), *, https://a.example')).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ])
  })

  it('falls back to the defaults when nothing in the list is usable', () => {
    expect(parentOrigins('*, nonsense')).toEqual([...DEFAULT_EMBED_PARENT_ORIGINS])
  })
})

describe('targetOrigins', () => {
  const allowed = ['https://vue.dlux.io', 'https://dlux.io']

  it('trusts location.ancestorOrigins when the browser has it', () => {
    expect(targetOrigins({ parent: null, location: { ancestorOrigins: ['https://dlux.io'] } }, allowed)).toEqual(['https://dlux.io'])
    expect(targetOrigins({ parent: null, location: { ancestorOrigins: ['https://evil.example'] } }, allowed)).toEqual([])
  })

  it('narrows by the referrer when allowed, else posts to each allowed origin', () => {
    expect(targetOrigins({ parent: null, document: { referrer: 'https://vue.dlux.io/onboard?x=1' } }, allowed)).toEqual([
      'https://vue.dlux.io',
    ])
    expect(targetOrigins({ parent: null, document: { referrer: 'https://evil.example/' } }, allowed)).toEqual(allowed)
    expect(targetOrigins({ parent: null, document: { referrer: '' } }, allowed)).toEqual(allowed)
  })
})

describe('createEmbedNotifier', () => {
  const allowed = ['https://vue.dlux.io', 'https://dlux.io']

  it('does nothing outside an iframe', () => {
    const postMessage = vi.fn()
    const win = { postMessage } as unknown as EmbedWindow & { parent: unknown }
    ;(win as { parent: unknown }).parent = win
    expect(isEmbedded(win)).toBe(false)
    createEmbedNotifier(win, allowed).notify({ channelId: 'c', status: 'completed', progress: 100 })
    expect(postMessage).not.toHaveBeenCalled()
  })

  it('posts {channelId, status} to every allowed origin, never to "*"', () => {
    const { win, postMessage } = framed()
    createEmbedNotifier(win, allowed).notify({ channelId: 'chan12345', status: 'confirming', progress: 55 })
    expect(postMessage.mock.calls).toEqual([
      [{ type: 'dlux-payment-status', channelId: 'chan12345', status: 'confirming', progress: 55 }, 'https://vue.dlux.io'],
      [{ type: 'dlux-payment-status', channelId: 'chan12345', status: 'confirming', progress: 55 }, 'https://dlux.io'],
    ])
  })

  it('posts once per change', () => {
    const { win, postMessage } = framed({ location: { ancestorOrigins: ['https://vue.dlux.io'] } })
    const n = createEmbedNotifier(win, allowed)
    n.notify({ channelId: 'c1234567', status: 'waiting_payment', progress: 20 })
    n.notify({ channelId: 'c1234567', status: 'waiting_payment', progress: 20 })
    n.notify({ channelId: 'c1234567', status: 'completed', progress: 100 })
    expect(postMessage).toHaveBeenCalledTimes(2)
    expect(postMessage.mock.calls.map((c) => c[1])).toEqual(['https://vue.dlux.io', 'https://vue.dlux.io'])
  })

  it('sends only a whole percent from 0 to 100, or null', () => {
    const sent = (progress: number | null) => {
      const { win, postMessage } = framed({ location: { ancestorOrigins: ['https://dlux.io'] } })
      createEmbedNotifier(win, allowed).notify({ channelId: 'c1234567', status: 'confirming', progress })
      return (postMessage.mock.calls[0]?.[0] as { progress: unknown }).progress
    }
    expect(sent(Number.NaN)).toBeNull()
    expect(sent(Number.POSITIVE_INFINITY)).toBeNull()
    expect(sent(null)).toBeNull()
    expect(sent(-3)).toBe(0)
    expect(sent(140)).toBe(100)
    expect(sent(54.6)).toBe(55)
    expect(sent(0)).toBe(0)
    expect(sent(100)).toBe(100)
  })

  it('posts again when only the progress changed, and not when a NaN repeats', () => {
    const { win, postMessage } = framed({ location: { ancestorOrigins: ['https://dlux.io'] } })
    const n = createEmbedNotifier(win, allowed)
    n.notify({ channelId: 'c1234567', status: 'confirming', progress: 55 })
    n.notify({ channelId: 'c1234567', status: 'confirming', progress: 70 })
    n.notify({ channelId: 'c1234567', status: 'confirming', progress: Number.NaN })
    n.notify({ channelId: 'c1234567', status: 'confirming', progress: Number.NaN })
    expect(postMessage.mock.calls.map((c) => (c[0] as { progress: unknown }).progress)).toEqual([55, 70, null])
  })

  it('keeps working when the parent throws', () => {
    const { win, postMessage } = framed()
    postMessage.mockImplementation(() => {
      throw new Error('detached')
    })
    expect(() => createEmbedNotifier(win, allowed).notify({ channelId: 'c', status: 'failed', progress: 0 })).not.toThrow()
  })
})

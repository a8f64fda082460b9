/** A scriptable stand-in for the browser WebSocket. */
import type { WebSocketLike } from '../../src/core/transports/transport'

export class FakeWebSocket implements WebSocketLike {
  readyState = 0
  onopen: ((event: unknown) => void) | null = null
  onmessage: ((event: { data: unknown }) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null
  readonly sent: unknown[] = []
  closedWith: { code?: number; reason?: string } | null = null

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('InvalidStateError')
    this.sent.push(JSON.parse(data))
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason }
    this.readyState = 3
  }

  // ---- test controls: what the network and server do ----

  // A socket the app closed gets no more events, as in a browser.

  serverOpen(): void {
    if (this.readyState !== 0) return
    this.readyState = 1
    this.onopen?.({})
  }

  serverSend(frame: unknown): void {
    if (this.readyState !== 1) return
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) })
  }

  welcome(timestamp = new Date().toISOString()): void {
    this.serverSend({
      type: 'connected',
      message: 'WebSocket connection established',
      timestamp,
      server: 'DLUX Payment Monitor',
      connectionId: 'abc123',
    })
  }

  /** Closed by the server or the network; 1006 arrives without a close frame. */
  serverClose(code: number, reason = ''): void {
    if (this.readyState === 3) return
    this.readyState = 3
    if (code === 1006) this.onerror?.({})
    this.onclose?.({ code, reason, wasClean: code !== 1006 })
  }

  get isClosed(): boolean {
    return this.readyState === 3
  }

  sentOfType(type: string): unknown[] {
    return this.sent.filter((m) => (m as { type?: string }).type === type)
  }
}

/** Records every socket created, newest last. */
export class SocketFactory {
  readonly sockets: FakeWebSocket[] = []
  readonly create = (url: string): FakeWebSocket => {
    const socket = new FakeWebSocket(url)
    this.sockets.push(socket)
    return socket
  }

  get last(): FakeWebSocket {
    const socket = this.sockets.at(-1)
    if (!socket) throw new Error('no socket created yet')
    return socket
  }

  get openCount(): number {
    return this.sockets.filter((s) => !s.isClosed).length
  }
}

/**
 * What the payment socket does with each client frame: subscribe, unsubscribe, payment_sent and
 * ping, and the real server's error frames, word for word, for anything else.
 */
import type { RawData } from 'ws'
import { SERVER_ERRORS } from '../src/core/protocol/messages.js'
import { isExpired } from './channelState.js'
import type { ChannelStore } from './channelStore.js'
import { MAX_ECHO, type SimLog } from './log.js'
import { send, type Connection } from './socketConnection.js'
import { notFound, type Subscriptions } from './socketSubscriptions.js'
import { TX_HASH } from './validation.js'

export interface ClientMessageContext {
  store: ChannelStore
  log: SimLog
  subscriptions: Subscriptions
}

function paymentSent(context: ClientMessageContext, conn: Connection, channelId: string, txHash: unknown): void {
  const { store, log, subscriptions } = context
  log.add({ kind: 'payment_sent', connectionId: conn.id, channelId })
  const state = subscriptions.view(channelId)
  if (!state) {
    send(conn, notFound(channelId))
    return
  }
  if (typeof txHash !== 'string' || !TX_HASH.test(txHash)) {
    send(conn, {
      type: 'error',
      message: 'Failed to process payment transaction',
      details: 'Transaction hash must be 32 to 128 hexadecimal characters',
      channelId,
      timestamp: new Date().toISOString(),
    })
    return
  }
  const waiting = state.status === 'pending' && !state.txHash && !isExpired(state)
  const timestamp = new Date().toISOString()
  if (waiting) {
    subscriptions.broadcast(channelId, {
      type: 'payment_sent_confirmed',
      channelId,
      txHash,
      message: '⏳ Payment recorded, verifying on blockchain...',
      note: 'Transaction will be automatically verified when confirmed',
      timestamp,
    })
    // The store's change listener publishes the status_update that follows.
    store.recordPayment(channelId, txHash)
    return
  }
  subscriptions.broadcast(channelId, {
    type: 'payment_verified',
    channelId,
    txHash: state.txHash ?? txHash,
    message: '✅ Payment verified on blockchain',
    transaction: {
      hash: state.txHash ?? txHash,
      confirmations: state.confirmations,
      amount: state.amountCrypto,
      currency: state.cryptoType,
    },
    timestamp,
  })
  subscriptions.publish(channelId)
}

/** Acts on one frame a client sent. */
export function handleClientMessage(context: ClientMessageContext, conn: Connection, data: RawData, isBinary: boolean): void {
  // A silent socket is dead to its client: it neither answers nor acts.
  if (conn.muted) return
  let message: unknown
  try {
    if (isBinary) throw new SyntaxError('Binary frames are not supported')
    message = JSON.parse(data.toString())
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      throw new SyntaxError('Message must be a JSON object')
    }
  } catch (error) {
    send(conn, {
      type: 'error',
      message: SERVER_ERRORS.invalidFormat,
      details: error instanceof Error ? error.message.slice(0, 200) : 'Unreadable message',
      timestamp: new Date().toISOString(),
    })
    return
  }
  const fields = message as Record<string, unknown>
  const channelId = typeof fields.channelId === 'string' && fields.channelId !== '' ? fields.channelId : null
  switch (fields.type) {
    case 'subscribe':
      // The real server answers this one without a timestamp.
      if (!channelId) send(conn, { type: 'error', message: SERVER_ERRORS.channelIdRequired })
      else context.subscriptions.subscribe(conn, channelId)
      return
    case 'unsubscribe':
      if (channelId) {
        context.subscriptions.unsubscribe(conn, channelId)
        context.log.add({ kind: 'unsubscribe', connectionId: conn.id, channelId })
      }
      return
    case 'payment_sent':
      if (!channelId) send(conn, { type: 'error', message: SERVER_ERRORS.channelIdRequired })
      else paymentSent(context, conn, channelId, fields.txHash)
      return
    case 'ping':
      send(conn, { type: 'pong', timestamp: new Date().toISOString() })
      return
    default: {
      const received = fields.type
      send(conn, {
        type: 'error',
        message: SERVER_ERRORS.unknownType,
        ...(typeof received === 'string' ? { receivedType: received.slice(0, MAX_ECHO) } : {}),
      })
    }
  }
}

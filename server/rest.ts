/**
 * The REST API under `/api/onboarding/`, with the real server's shapes, status codes and
 * vocabulary. Faults hook into the status poll only (that is what the app polls).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { CURRENCIES, REQUIRED_CONFIRMATIONS, SERVER_ERRORS } from '../src/core/protocol/messages.js'
import { isExpired, type ChannelState } from './channelState.js'
import type { ChannelStore } from './channelStore.js'
import { ACCOUNT_COST_USD, NETWORKS, USD_PRICES, cryptoAmount } from './fakes.js'
import type { FaultTimings } from './faultHooks.js'
import type { FaultRegistry } from './faultRegistry.js'
import { BodyError, readJsonBody, sendJson, sendRefusal } from './http.js'
import type { SimLog } from './log.js'
import { validateInitiate, validateVerify } from './validation.js'
import { amountFormatted, instructions, pollChannel } from './wire.js'

export const API_PREFIX = '/api/onboarding/'

const STATUS_PATH = /^\/api\/onboarding\/payment\/status\/([^/]+)$/

export interface RestOptions {
  store: ChannelStore
  faults: FaultRegistry
  log: SimLog
  timings: FaultTimings
}

export interface RestRoutes {
  /** Answers a request under `/api/onboarding/` (true), or leaves it alone (false). */
  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean
  /** Drops answers still held back by a fault. */
  close(): void
}

/** Minutes a person would wait for the confirmations, for the initiate answer. */
const MINUTES_PER_CONFIRMATION = { BTC: 10, SOL: 1, ETH: 1, MATIC: 1, BNB: 1 } as const

function notFound(res: ServerResponse): void {
  sendJson(res, 404, { success: false, error: SERVER_ERRORS.channelNotFound })
}

/** Creates the REST routes. */
export function createRestRoutes(options: RestOptions): RestRoutes {
  const { store, faults, log, timings } = options
  const held = new Set<NodeJS.Timeout>()

  /** Runs `answer` now, or after `delayMs` (a fault holding the answer back). */
  function answerAfter(delayMs: number | undefined, answer: () => void): void {
    if (!delayMs) return answer()
    const timer = setTimeout(() => {
      held.delete(timer)
      answer()
    }, delayMs)
    held.add(timer)
  }

  function view(state: ChannelState | undefined, channelId: string): ChannelState | null {
    if (!state) return null
    const fault = faults.forChannel(channelId)?.fault
    return fault?.view ? fault.view(state, Date.now()) : state
  }

  function status(res: ServerResponse, rawId: string): void {
    let channelId: string
    try {
      channelId = decodeURIComponent(rawId)
    } catch {
      notFound(res)
      return
    }
    const active = faults.forChannel(channelId)
    const plan = active?.fault.poll?.(timings, channelId) ?? {}
    // Taken now, answered later: that is what makes an out-of-order answer stale on arrival.
    const snapshot = plan.snapshot === 'previous' ? store.previous(channelId) : store.get(channelId)
    answerAfter(plan.delayMs, () => {
      const entry = { kind: 'poll' as const, channelId, fault: active?.name }
      if (plan.refusal) {
        log.add({ ...entry, httpStatus: plan.refusal.status })
        sendRefusal(res, plan.refusal)
        return
      }
      const state = view(snapshot, channelId)
      if (!state) {
        log.add({ ...entry, httpStatus: 404 })
        notFound(res)
        return
      }
      const channel = pollChannel(state)
      log.add({ ...entry, httpStatus: 200, status: channel.status })
      sendJson(res, 200, { success: true, channel })
    })
  }

  function pricing(res: ServerResponse): void {
    const cryptoRates = Object.fromEntries(
      CURRENCIES.map((currency) => [
        currency,
        {
          priceUSD: USD_PRICES[currency],
          amountNeeded: cryptoAmount(currency),
          amountFormatted: cryptoAmount(currency).toFixed(8),
          network: NETWORKS[currency],
          confirmationsRequired: REQUIRED_CONFIRMATIONS[currency],
        },
      ]),
    )
    sendJson(res, 200, {
      success: true,
      pricing: {
        timestamp: new Date().toISOString(),
        hivePriceUSD: 0.24,
        accountCreationFeeHIVE: 3,
        baseCostUSD: 3,
        finalCostUSD: ACCOUNT_COST_USD,
        cryptoRates,
        supportedCurrencies: CURRENCIES,
      },
    })
  }

  async function initiate(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const result = validateInitiate(await readJsonBody(req))
    if (!result.ok) {
      sendJson(res, 400, { success: false, error: 'Input validation failed', details: result.details })
      return
    }
    const { username, cryptoType, publicKeys } = result.value
    const existing = store.findInProgress(username)
    if (existing) {
      sendJson(res, 409, {
        success: false,
        error: 'A payment for this username is already in progress',
        existingChannel: { channelId: existing.channelId, status: existing.status },
      })
      return
    }
    const state = store.create({ currency: cryptoType, username, publicKeys, mode: 'await-payment' })
    const required = REQUIRED_CONFIRMATIONS[cryptoType]
    sendJson(res, 200, {
      success: true,
      payment: {
        channelId: state.channelId,
        username,
        cryptoType,
        amount: state.amountCrypto,
        amountFormatted: amountFormatted(state),
        amountUSD: state.amountUsd,
        address: state.address,
        memo: state.memo,
        expiresAt: new Date(state.expiresAt).toISOString(),
        network: NETWORKS[cryptoType],
        confirmationsRequired: required,
        estimatedConfirmationTime: `~${required * MINUTES_PER_CONFIRMATION[cryptoType]} minutes`,
        instructions: instructions(state),
      },
    })
  }

  async function verifyTransaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const result = validateVerify(await readJsonBody(req))
    if (!result.ok) {
      sendJson(res, 400, { success: false, error: 'Input validation failed', details: result.details })
      return
    }
    const { channelId, txHash } = result.value
    const state = view(store.get(channelId), channelId)
    if (!state) return notFound(res)
    if (state.status === 'pending' && isExpired(state)) {
      sendJson(res, 400, { success: false, error: 'Payment channel has expired' })
      return
    }
    const recorded = store.recordPayment(channelId, txHash)
    const after = recorded?.state ?? state
    sendJson(res, 200, {
      success: true,
      message: recorded?.changed ? 'Transaction submitted for verification' : 'Transaction already recorded for this channel',
      channelId,
      txHash: after.txHash ?? txHash,
      status: after.status,
    })
  }

  /** Runs an async route, turning a bad body into its 4xx and anything else into a 500. */
  function run(res: ServerResponse, route: () => Promise<void>): void {
    route().catch((error: unknown) => {
      if (error instanceof BodyError) sendJson(res, error.status, { success: false, error: error.message })
      else sendJson(res, 500, { success: false, error: 'Internal server error' })
    })
  }

  return {
    handle(req, res, path) {
      if (!path.startsWith(API_PREFIX)) return false
      const method = req.method ?? 'GET'
      const statusMatch = STATUS_PATH.exec(path)
      if (statusMatch && method === 'GET') status(res, statusMatch[1] as string)
      else if (path === '/api/onboarding/pricing' && method === 'GET') pricing(res)
      else if (path === '/api/onboarding/payment/initiate' && method === 'POST') run(res, () => initiate(req, res))
      else if (path === '/api/onboarding/payment/verify-transaction' && method === 'POST') {
        run(res, () => verifyTransaction(req, res))
      } else sendJson(res, 404, { success: false, error: 'Not found' })
      return true
    },
    close() {
      for (const timer of held) clearTimeout(timer)
      held.clear()
    },
  }
}

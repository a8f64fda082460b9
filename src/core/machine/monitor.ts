/**
 * The payment monitor: the one object the store holds. It runs every command of the connection
 * policy as one change and publishes one consistent snapshot after it. Framework-free.
 */
import { ChangeBatch } from './changeBatch'
import type { MonitorDependencies } from './dependencies'
import type { PaymentSentResult } from './paymentSentResult'
import { ConnectionPolicy } from './policy'
import type { MonitorSnapshot } from './snapshot'

/**
 * @example
 * const monitor = new PaymentMonitor(browserDependencies())
 * const unsubscribe = monitor.subscribe((snapshot) => render(snapshot))
 * monitor.start(channelId)
 */
export class PaymentMonitor {
  private readonly changes: ChangeBatch<MonitorSnapshot>
  private readonly policy: ConnectionPolicy

  constructor(deps: MonitorDependencies) {
    this.changes = new ChangeBatch(() => this.policy.snapshot())
    this.policy = new ConnectionPolicy(deps, this.changes)
  }

  getSnapshot(): MonitorSnapshot {
    return this.changes.snapshot
  }

  /** Calls `listener` after every change, with one consistent snapshot; returns its remover. */
  subscribe(listener: (snapshot: MonitorSnapshot) => void): () => void {
    return this.changes.subscribe(listener)
  }

  get listenerCount(): number {
    return this.changes.listenerCount
  }

  /** Starts monitoring `channelId` (stopping any previous channel first). */
  start(channelId: string): void {
    this.run(() => this.policy.start(channelId))
  }

  /** Stops monitoring and releases every timer, socket and request. */
  stop(): void {
    this.run(() => this.policy.stop())
  }

  /** Resets backoff and failure counters and tries the socket now; a healthy open socket is only refreshed. */
  retry(): void {
    this.run(() => this.policy.retry())
  }

  /** Browser connectivity (navigator.onLine and its events). */
  setOnline(online: boolean): void {
    this.run(() => this.policy.setOnline(online))
  }

  /** Page visibility; a tab that becomes visible again refreshes (coalesced). */
  setVisible(visible: boolean): void {
    this.run(() => this.policy.setVisible(visible))
  }

  /** Tells the server the payment was sent: over the open socket, else over HTTP (`verify-transaction`). */
  async reportPaymentSent(txHash: string): Promise<PaymentSentResult> {
    const result = await this.policy.reportPaymentSent(txHash)
    this.run(() => undefined)
    return result
  }

  /** A command is one change: listeners see its end state, never a state from its middle. */
  private run(command: () => void): void {
    this.changes.batch(() => {
      this.changes.changed()
      command()
    })
  }
}

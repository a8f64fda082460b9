/**
 * Parts of a page that render one per task. While the app renders off screen (src/main.ts), each
 * part that asks (src/components/common/RenderInTurn.vue) is let through in a task of its own, in
 * the order they asked, so no single task renders the whole page: on a slow phone a whole-page
 * render is one long task, and the page cannot answer a tap or draw a frame until it ends. Once
 * `finish` is called (the app is on screen), every part renders at once, as if there were no turns:
 * a part that waited a task there would pop in after the rest and move it.
 *
 * @example
 * const turns = new RenderTurns((task) => setTimeout(task, 0))
 * turns.request(() => (ready.value = true))
 * await turns.idle(); turns.finish()
 */
interface Waiting {
  go: () => void
  cancelled: boolean
}

export class RenderTurns {
  private readonly queue: Waiting[] = []
  private readonly idleWaiters: Array<() => void> = []
  /** A turn is scheduled: the queue is being worked through. */
  private running = false
  private finished = false

  /** `nextTask` runs its callback in a later task (`setTimeout(…, 0)` on the page). */
  constructor(private readonly nextTask: (task: () => void) => void) {}

  /**
   * Calls `go` in a task of its own, after the parts that asked before; at once after `finish`.
   * Returns a canceller (a part removed before its turn).
   */
  request(go: () => void): () => void {
    if (this.finished) {
      go()
      return () => undefined
    }
    const waiting: Waiting = { go, cancelled: false }
    this.queue.push(waiting)
    if (!this.running) {
      this.running = true
      this.nextTask(() => this.turn())
    }
    return () => {
      waiting.cancelled = true
    }
  }

  /**
   * Resolves once every part that asked has had its turn, and a task has passed after the last one
   * with no part asking: what a part rendered in its turn (parts inside it included) is in place.
   */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /** From now on every part renders at once, those still waiting included. */
  finish(): void {
    this.finished = true
    for (let next = this.queue.shift(); next; next = this.queue.shift()) if (!next.cancelled) next.go()
    this.settle()
  }

  private turn(): void {
    if (this.finished) return
    let next = this.queue.shift()
    while (next?.cancelled) next = this.queue.shift()
    if (next === undefined) return this.settle()
    next.go()
    this.nextTask(() => this.turn())
  }

  private settle(): void {
    this.running = false
    for (const resolve of this.idleWaiters.splice(0)) resolve()
  }
}

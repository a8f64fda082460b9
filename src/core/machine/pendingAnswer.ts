/** One question in flight whose answer may come, fail, or time out: `wait()` resolves exactly once. */
import { SingleTimer, type Clock } from '../clock'

export class PendingAnswer<T> {
  private resolve: ((answer: T | null) => void) | null = null
  private readonly timer: SingleTimer

  constructor(clock: Clock) {
    this.timer = new SingleTimer(clock)
  }

  /** Waits for `settle`; null after `timeoutMs` (then `onTimeout` runs) or when replaced. */
  wait(timeoutMs: number, onTimeout: () => void): Promise<T | null> {
    this.settle(null)
    return new Promise((resolve) => {
      this.resolve = resolve
      this.timer.schedule(timeoutMs, () => {
        this.settle(null)
        onTimeout()
      })
    })
  }

  /** Answers the waiting question, if any; null means "no answer, try another way". */
  settle(answer: T | null): void {
    const resolve = this.resolve
    if (!resolve) return
    this.resolve = null
    this.timer.cancel()
    resolve(answer)
  }
}

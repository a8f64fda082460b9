/**
 * Publishes one snapshot per change to its listeners. Work run through `batch` (or a sink wrapped
 * by `wrap`) publishes once at the end, so listeners never see a torn state from the middle of a
 * change, say a completed status while the socket is still being closed.
 */
export class ChangeBatch<S> {
  private readonly listeners = new Set<(snapshot: S) => void>()
  private depth = 0
  private dirty = false
  private current: S | null = null

  /** `build` runs first when the snapshot is first read, so an owner may create its parts after this. */
  constructor(private readonly build: () => S) {}

  get snapshot(): S {
    return (this.current ??= this.build())
  }

  get listenerCount(): number {
    return this.listeners.size
  }

  /** Calls `listener` after every change; returns its remover. */
  subscribe(listener: (snapshot: S) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Something changed: publish now, or at the end of the batch under way. */
  changed(): void {
    this.dirty = true
    if (this.depth === 0) this.publish()
  }

  batch<R>(work: () => R): R {
    this.depth += 1
    try {
      return work()
    } finally {
      this.depth -= 1
      if (this.depth === 0 && this.dirty) this.publish()
    }
  }

  /** The same object with every function run as one batch that publishes a snapshot. */
  wrap<T extends object>(sink: T): T {
    const wrapped: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(sink)) {
      // An event from a transport always counts as a change: a next poll time may have moved.
      wrapped[key] =
        typeof value === 'function'
          ? (...args: unknown[]) =>
              this.batch(() => {
                this.dirty = true
                return value(...args)
              })
          : value
    }
    return wrapped as T
  }

  private publish(): void {
    this.dirty = false
    this.current = this.build()
    for (const listener of this.listeners) listener(this.current)
  }
}

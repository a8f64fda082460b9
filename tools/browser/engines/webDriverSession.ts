/**
 * A classic (W3C, HTTP) WebDriver session: the few commands the end-to-end cases need, over
 * `fetch`. Commands go one at a time, in the order they are asked for, because a driver handles a
 * session's commands one after another anyway and a drain must not overtake a navigation.
 *
 * Why not webdriverio: it accepts fewer Node versions than this package does (20.20.2+, 22.23.4+)
 * and brings driver downloaders along; the cases need eight commands.
 */

/** An error the driver answered with (W3C error code and message). */
export class WebDriverError extends Error {
  constructor(
    readonly command: string,
    readonly code: string,
    message: string,
  ) {
    super(`WebDriver ${command}: ${code}: ${message}`)
  }
}

type Method = 'GET' | 'POST' | 'DELETE'

async function send(base: string, method: Method, route: string, body: unknown, timeoutMs: number): Promise<unknown> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
    signal: AbortSignal.timeout(timeoutMs),
  })
  const text = await res.text()
  let parsed: { value?: unknown } = {}
  try {
    parsed = JSON.parse(text) as { value?: unknown }
  } catch {
    throw new WebDriverError(`${method} ${route}`, `http ${res.status}`, text.slice(0, 300))
  }
  if (!res.ok) {
    const value = (parsed.value ?? {}) as { error?: string; message?: string }
    throw new WebDriverError(`${method} ${route}`, value.error ?? `http ${res.status}`, value.message ?? text.slice(0, 300))
  }
  return parsed.value ?? null
}

export class WebDriverSession {
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(
    private readonly base: string,
    readonly id: string,
  ) {}

  /** Starts a session on the driver at `base` (e.g. http://127.0.0.1:4444). */
  static async create(base: string, capabilities: Record<string, unknown>, timeoutMs = 60_000): Promise<WebDriverSession> {
    const value = (await send(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } }, timeoutMs)) as { sessionId: string }
    return new WebDriverSession(base, value.sessionId)
  }

  /** One command of this session, after every command asked for before it. */
  command(method: Method, route: string, body?: unknown, timeoutMs = 60_000): Promise<unknown> {
    const run = (): Promise<unknown> => send(this.base, method, `/session/${this.id}${route}`, body, timeoutMs)
    const result = this.queue.then(run, run)
    this.queue = result.catch(() => undefined)
    return result
  }

  /** Runs `script` (a function body; `arguments` holds `args`); a returned promise is awaited. */
  execute(script: string, args: unknown[] = []): Promise<unknown> {
    return this.command('POST', '/execute/sync', { script, args })
  }

  navigate(url: string): Promise<unknown> {
    return this.command('POST', '/url', { url })
  }

  refresh(): Promise<unknown> {
    return this.command('POST', '/refresh', {})
  }

  async currentUrl(): Promise<string> {
    return String(await this.command('GET', '/url'))
  }

  async setWindowRect(width: number, height: number): Promise<{ width: number; height: number }> {
    return (await this.command('POST', '/window/rect', { width, height })) as { width: number; height: number }
  }

  /** The viewport as a base64 PNG. */
  async screenshot(): Promise<string> {
    return String(await this.command('GET', '/screenshot'))
  }

  async delete(): Promise<void> {
    await this.command('DELETE', '', undefined, 15_000)
  }
}

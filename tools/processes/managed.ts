/**
 * Child processes of an end-to-end or bench run: spawned in their own process group, remembered by
 * PID (in memory and, once a PID directory is set, as a file there), and ended by PID only: never
 * by name.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'

export interface ManagedProcess {
  readonly name: string
  readonly pid: number
  readonly child: ChildProcess
  /** Everything it wrote so far, stdout and stderr interleaved (bounded). */
  output(): string
  /** Resolves with the exit code (or signal) once it has exited. */
  readonly exited: Promise<string>
  /** Ends the whole process group: SIGTERM, then SIGKILL after `graceMs`. Idempotent. */
  stop(graceMs?: number): Promise<void>
}

const OUTPUT_LIMIT = 200_000
const live = new Map<number, ManagedProcess>()
let pidDir: string | null = null

/**
 * Where PID files go, so the global teardown can end what a crashed worker left behind. Each file
 * is named after a PID this run spawned; nothing else is ever killed.
 */
export function usePidDir(dir: string): void {
  mkdirSync(dir, { recursive: true })
  pidDir = dir
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch {
    // Already gone.
  }
}

export interface SpawnOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
}

export function spawnManaged(name: string, command: string, args: readonly string[], options: SpawnOptions = {}): ManagedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    // A group of its own: nginx workers and any grandchild end with it, by PID.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const pid = child.pid
  if (pid === undefined) throw new Error(`${name}: could not spawn ${command}`)
  let buffer = ''
  const append = (chunk: Buffer): void => {
    buffer += chunk.toString('utf8')
    if (buffer.length > OUTPUT_LIMIT) buffer = buffer.slice(-OUTPUT_LIMIT)
  }
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  const pidFile = pidDir ? path.join(pidDir, String(pid)) : null
  if (pidFile) writeFileSync(pidFile, `${name}\n`)

  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(pid)
      if (pidFile) rmSync(pidFile, { force: true })
      resolve(signal ?? String(code))
    })
    child.once('error', (error) => {
      live.delete(pid)
      if (pidFile) rmSync(pidFile, { force: true })
      append(Buffer.from(`\n[spawn error] ${error.message}\n`))
      resolve('spawn-error')
    })
  })
  let stopping: Promise<void> | null = null
  const managed: ManagedProcess = {
    name,
    pid,
    child,
    output: () => buffer,
    exited,
    stop(graceMs = 5000) {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          killGroup(pid, 'SIGKILL') // leftovers of the group, if any
          return
        }
        killGroup(pid, 'SIGTERM')
        const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs))
        if ((await Promise.race([exited, timer])) === 'timeout') {
          killGroup(pid, 'SIGKILL')
          await exited
        }
        killGroup(pid, 'SIGKILL')
      })()
      return stopping
    },
  }
  live.set(pid, managed)
  return managed
}

/** Ends every process this worker spawned and still runs. */
export async function stopAll(): Promise<void> {
  await Promise.all([...live.values()].map((p) => p.stop()))
}

// A worker that exits (normally or on a signal) takes its process groups with it.
process.once('exit', () => {
  for (const pid of live.keys()) killGroup(pid, 'SIGKILL')
})

/** Global teardown: ends the process groups whose PID files a worker left behind. */
export function killLeftovers(dir: string): string[] {
  let names: string[] = []
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  const killed: string[] = []
  for (const file of names) {
    const pid = Number(file)
    if (!Number.isInteger(pid) || pid <= 1) continue
    killGroup(pid, 'SIGKILL')
    killed.push(file)
    rmSync(path.join(dir, file), { force: true })
  }
  return killed
}

/** Resolves when `predicate` is true; polls every `everyMs`, gives up after `timeoutMs`. */
export async function waitUntil(
  what: string,
  predicate: () => Promise<boolean> | boolean,
  { timeoutMs = 20_000, everyMs = 100 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (let attempt = 0; ; attempt++) {
    if (await predicate()) return
    if (Date.now() >= deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (${attempt + 1} checks)`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}

/** Polls `url` until it answers `okStatus` (bounded), failing early if `proc` exits meanwhile. */
export async function waitForUrl(url: string, proc: ManagedProcess | null, { timeoutMs = 20_000, okStatus = 200 } = {}): Promise<void> {
  await waitUntil(
    `${url} to answer ${okStatus}${proc ? ` (${proc.name})` : ''}`,
    async () => {
      if (proc && (proc.child.exitCode !== null || proc.child.signalCode !== null)) {
        throw new Error(`${proc.name} exited before ${url} answered:\n${proc.output()}`)
      }
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(2000) })
        await res.arrayBuffer()
        return res.status === okStatus
      } catch {
        return false
      }
    },
    { timeoutMs, everyMs: 100 },
  )
}

/** An ephemeral port the kernel says is free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** True if nothing listens on 127.0.0.1:`port` and it can be bound. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

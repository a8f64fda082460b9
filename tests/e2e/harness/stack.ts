/**
 * One case's servers: the simulator and the front on the build's origin. `direct`: the simulator
 * itself on the front port and the page from a static server elsewhere (cross-origin, CORS and the
 * socket Origin check in play). `nginx` / `caddy`: the shipped config serving the build and
 * proxying /ws/ and /api/ to a simulator on an ephemeral port (same origin).
 */
import { readFileSync } from 'node:fs'
import { frontOrigin, type AppBuild } from './build'
import { startCaddy } from './caddy'
import type { E2eRun } from './env'
import { startNginx, variantName, type NginxVariant } from './nginx'
import { portIsFree, waitUntil } from '../../../tools/processes/managed'
import { startSimulator, type Simulator } from '../../../tools/processes/simulator'
import { startStaticServer } from './staticServer'

export type Front = { kind: 'direct' } | { kind: 'nginx'; variant: NginxVariant } | { kind: 'caddy' }

export const DIRECT: Front = { kind: 'direct' }
export const NGINX_SHIPPED: Front = { kind: 'nginx', variant: 'shipped' }
export const CADDY_SHIPPED: Front = { kind: 'caddy' }

export function frontName(front: Front): string {
  return front.kind === 'nginx' ? `nginx ${variantName(front.variant)}` : front.kind
}

export interface Stack {
  front: Front
  sim: Simulator
  /** Origin the page is loaded from. */
  pageOrigin: string
  pageUrl(channelId: string): string
  /** Logs worth keeping when a case fails: simulator log, proxy logs and configs. */
  artifacts(): Promise<Record<string, string>>
  stop(): Promise<void>
}

export async function startStack(run: E2eRun, build: AppBuild, front: Front): Promise<Stack> {
  // The previous case's front must be gone before this one binds the same port.
  await waitUntil(`port ${run.frontPort} to be free`, () => portIsFree(run.frontPort), { timeoutMs: 10_000 })
  const stops: Array<() => Promise<void>> = []
  const artifacts: Array<() => Promise<Record<string, string>>> = []
  const stop = async (): Promise<void> => {
    // Front first, then the simulator behind it.
    for (const step of stops.reverse()) await step().catch(() => undefined)
  }
  try {
    const direct = front.kind === 'direct'
    const sim = await startSimulator(direct ? run.frontPort : 0)
    stops.push(() => sim.stop())
    artifacts.push(async () => ({
      'simulator-log.json': JSON.stringify(await sim.log().catch((e: unknown) => String(e)), null, 2),
      'simulator-output.txt': sim.proc.output(),
    }))
    let pageOrigin = frontOrigin(run)
    const site = {
      port: run.frontPort,
      backendPort: sim.port,
      distDir: build.distDir,
      cspConnectSrc: `'self' ws://127.0.0.1:${run.frontPort}`,
    }
    if (front.kind === 'direct') {
      const server = await startStaticServer(build.distDir)
      stops.push(() => server.close())
      pageOrigin = server.origin
    } else if (front.kind === 'nginx') {
      const nginx = await startNginx(run.runDir, front.variant, site)
      stops.push(() => nginx.proc.stop())
      artifacts.push(async () => ({
        'nginx-site.conf': nginx.siteConf,
        'nginx-error.log': nginx.errorLog(),
        'nginx-access.log': readFileSafe(`${nginx.prefix}/access.log`),
      }))
    } else {
      const caddy = await startCaddy(run.runDir, site)
      stops.push(() => caddy.proc.stop())
      artifacts.push(async () => ({ Caddyfile: caddy.caddyfile, 'caddy-output.txt': caddy.proc.output() }))
    }
    return {
      front,
      sim,
      pageOrigin,
      pageUrl: (channelId) => `${pageOrigin}/?channelId=${encodeURIComponent(channelId)}`,
      async artifacts() {
        const all: Record<string, string> = {}
        for (const collect of artifacts) Object.assign(all, await collect().catch((e: unknown) => ({ 'artifact-error.txt': String(e) })))
        return all
      },
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

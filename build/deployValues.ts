/**
 * The values of the deploy templates' CSP placeholders (deploy/nginx.conf, deploy/Caddyfile) for a
 * build, worked out by the same functions that write the build's own policy: a build with its own
 * endpoints or embedding sites gets a server header that says the same.
 *
 *   npx tsx build/deployValues.ts [--mode production]   # prints NAME=value lines
 *   CSP_FRAME_ANCESTORS="$(npx tsx build/deployValues.ts --only CSP_FRAME_ANCESTORS)"
 */
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { loadEnv } from 'vite'
import type { ConfigEnv } from '../src/core/config.js'
import { contentSecurityPolicyHeader } from './contentSecurityPolicy.js'

export type DeployValueName = 'CSP_CONNECT_SRC' | 'CSP_FRAME_ANCESTORS'

/** The sources of one directive of a policy (`connect-src` → `'self' wss://…`). */
function sourcesOf(policy: string, directive: string): string {
  const found = policy.split('; ').find((entry) => entry.startsWith(`${directive} `))
  if (found === undefined) throw new Error(`the header policy has no ${directive}`)
  return found.slice(directive.length + 1)
}

/** @example deployValues({}).CSP_FRAME_ANCESTORS // "https://dlux.io https://www.dlux.io https://vue.dlux.io" */
export function deployValues(env: ConfigEnv): Record<DeployValueName, string> {
  const header = contentSecurityPolicyHeader(env)
  return { CSP_CONNECT_SRC: sourcesOf(header, 'connect-src'), CSP_FRAME_ANCESTORS: sourcesOf(header, 'frame-ancestors') }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { mode: { type: 'string', default: 'production' }, only: { type: 'string' } } })
  // The env a `vite build` in this mode reads: .env files and VITE_ variables of the shell.
  const all = deployValues(loadEnv(values.mode ?? 'production', process.cwd(), 'VITE_'))
  if (values.only !== undefined) {
    if (!(values.only in all)) {
      console.error(`deployValues: --only takes ${Object.keys(all).join(' or ')}`)
      process.exit(2)
    }
    console.log(all[values.only as DeployValueName])
  } else {
    for (const [name, value] of Object.entries(all)) console.log(`${name}=${value}`)
  }
}

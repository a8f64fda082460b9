/** The app built for production against one socket URL and one REST origin, into `outDir`. */
import path from 'node:path'
import { spawnManaged } from '../../tools/processes/managed'

const BUILD_TIMEOUT_MS = 180_000

export async function buildApp(repoRoot: string, outDir: string, wsUrl: string, apiUrl: string): Promise<void> {
  const vite = spawnManaged(
    'vite build',
    process.execPath,
    [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    // Production mode, the shipped timings: only the endpoints differ from what ships.
    { cwd: repoRoot, env: { ...process.env, NODE_ENV: 'production', VITE_PAYMENT_WS_URL: wsUrl, VITE_PAYMENT_API_URL: apiUrl } },
  )
  let timer: NodeJS.Timeout | undefined
  const result = await Promise.race([vite.exited, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), BUILD_TIMEOUT_MS)))])
  clearTimeout(timer)
  if (result !== '0') {
    await vite.stop()
    throw new Error(`vite build failed (${result}):\n${vite.output()}`)
  }
}

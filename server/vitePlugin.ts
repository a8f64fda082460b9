/**
 * Mounts the payment simulator on the Vite dev server's own origin: REST and admin routes as
 * middleware, the socket through the HTTP server's `upgrade` event for `/ws/payment-monitor`
 * only, so Vite's HMR socket is untouched. Dev only (`apply: 'serve'`); never in a build.
 */
import type { Plugin, ViteDevServer } from 'vite'
import { createSimulatorApp, type SimulatorAppOptions } from './app.js'

/** The Vite plugin. Options as for `createSimulatorApp`; the dev default is speed 1 (≈22 s). */
export function paymentSimulator(options: SimulatorAppOptions = {}): Plugin {
  return {
    name: 'dlux-payment-simulator',
    apply: 'serve',
    configureServer(server: ViteDevServer) {
      // Vitest runs a Vite server (mode "test") from the same config; tests start their own.
      if (server.config.mode === 'test') return
      const logger = server.config.logger
      const app = createSimulatorApp({
        write: (line) => logger.info(line, { timestamp: false }),
        ...options,
      })
      server.middlewares.use((req, res, next) => {
        if (!app.handleRequest(req, res)) next()
      })
      const httpServer = server.httpServer
      if (httpServer) {
        httpServer.on('upgrade', (req, socket, head) => {
          app.handleUpgrade(req, socket, head)
        })
        httpServer.once('close', () => void app.close())
      }
      logger.info(
        '[sim] payment simulator on this origin: /ws/payment-monitor, /api/onboarding/…, POST /__sim/demo (see server/README.md)',
        { timestamp: false },
      )
    },
  }
}

/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_PAYMENT_WS_URL?: string
  readonly VITE_PAYMENT_API_URL?: string
  readonly VITE_POLL_INTERVAL_MS?: string
  readonly VITE_CONNECT_TIMEOUT_MS?: string
  readonly VITE_HEARTBEAT_INTERVAL_MS?: string
  readonly VITE_HEARTBEAT_TIMEOUT_MS?: string
  /** Where "Start again" and the no-channel page send the payer (https only; src/core/links.ts). */
  readonly VITE_START_URL?: string
  /** The next step after a completed payment (https only; src/core/links.ts). */
  readonly VITE_CONTINUE_URL?: string
  /** Support link on every dead end: default DLUX's community chat, empty for none, https only (http on localhost); anything else fails the build (src/core/links.ts). */
  readonly VITE_SUPPORT_URL?: string
  /** Comma-separated origins an embedding parent may have (src/core/embed.ts). */
  readonly VITE_EMBED_PARENT_ORIGINS?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

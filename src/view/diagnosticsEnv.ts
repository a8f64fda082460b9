/** Facts about the page the diagnostics panel shows next to the snapshot. */
export interface DiagnosticsEnv {
  pageOrigin: string | null
  pageProtocol: string | null
  userAgent: string | null
  embedded: boolean
}

/** Mixed content: an https page cannot open ws: sockets or fetch http: URLs; browsers block them. */

export interface Endpoints {
  wsUrl: string
  apiUrl: string
}

/** The endpoints an https page would be blocked from using (empty on an http page or when all are secure). */
export function blockedEndpoints(pageProtocol: string | null, endpoints: Endpoints): string[] {
  if (pageProtocol !== 'https:') return []
  const blocked: string[] = []
  if (endpoints.wsUrl.startsWith('ws:')) blocked.push(endpoints.wsUrl)
  if (endpoints.apiUrl.startsWith('http:')) blocked.push(endpoints.apiUrl)
  return blocked
}

/**
 * The page's origin for a restart run, on 127.0.0.1 and opened as http://localhost:<port> (the
 * production socket server lets an Origin in only if it contains "localhost"): the built app with
 * its SPA fallback, and the REST status route answering the run's one channel in the production
 * JSON shape. It lives in this process, so polling keeps working while the socket server is down.
 */
import { createReadStream } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { restStatusBody, type ChannelRow } from './channel'
import { contentTypeOf, fileUnder } from '../../tools/staticFiles'

const STATUS_ROUTE = /^\/api\/onboarding\/payment\/status\/([^/]+)$/

export interface Front {
  /** The origin the page is opened from and polls. */
  readonly origin: string
  /** Wall-clock times of the status requests answered so far. */
  readonly polls: readonly number[]
  close(): Promise<void>
}


function answerStatus(res: http.ServerResponse, row: ChannelRow, channelId: string): void {
  // CORS as production sends it (Express `cors()`), though the page polls its own origin here.
  const headers = { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' }
  if (channelId !== row.channel_id) {
    res.writeHead(404, headers).end(JSON.stringify({ success: false, error: 'Payment channel not found' }))
    return
  }
  res.writeHead(200, headers).end(JSON.stringify(restStatusBody(row, Date.now())))
}

export function startFront(distDir: string, port: number, row: ChannelRow): Promise<Front> {
  const root = path.resolve(distDir)
  const polls: number[] = []
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost')
    const status = STATUS_ROUTE.exec(pathname)
    if (status?.[1]) {
      polls.push(Date.now())
      answerStatus(res, row, decodeURIComponent(status[1]))
      return
    }
    let file: string | null = null
    try {
      file = fileUnder(root, pathname)
    } catch {
      // A malformed escape: no such file.
    }
    if (!file && !pathname.startsWith('/assets/') && !pathname.startsWith('/api/')) file = path.join(root, 'index.html')
    if (!file) {
      res.writeHead(404).end('not found')
      return
    }
    res.writeHead(200, { 'content-type': contentTypeOf(file), 'cache-control': 'no-cache' })
    createReadStream(file).pipe(res)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () =>
      resolve({
        origin: `http://localhost:${port}`,
        polls,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      }),
    )
  })
}

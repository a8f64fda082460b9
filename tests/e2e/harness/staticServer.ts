/**
 * A tiny static server for the direct cases: the build on its own origin, with the SPA fallback,
 * and deliberately no CSP, so that a page which ever ran server text as markup would show it (the
 * canary test) instead of a CSP quietly hiding the bug.
 */
import { createReadStream } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { contentTypeOf, fileUnder } from '../../../tools/staticFiles'


export interface StaticServer {
  origin: string
  close(): Promise<void>
}


export function startStaticServer(root: string): Promise<StaticServer> {
  const absoluteRoot = path.resolve(root)
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://x')
    let file = fileUnder(absoluteRoot, pathname)
    if (!file && !pathname.startsWith('/assets/')) file = path.join(absoluteRoot, 'index.html')
    if (!file) {
      res.writeHead(404).end('not found')
      return
    }
    res.writeHead(200, {
      'content-type': contentTypeOf(file),
      'cache-control': 'no-cache',
    })
    createReadStream(file).pipe(res)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      if (typeof address !== 'object' || !address) {
        reject(new Error('static server: no address'))
        return
      }
      resolve({
        origin: `http://127.0.0.1:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}

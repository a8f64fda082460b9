/**
 * The causes a connection check can name, each with the layer at fault and a one-line fix. One
 * table, so `npm run doctor`, the in-page connection test and the passive hints give the same
 * advice in the same words. The fixes name both proxies we ship configs for (deploy/): nginx and
 * Caddy (production sits behind Caddy).
 */

/** Where on the path between browser and app server the fault sits. */
export type Layer =
  | 'browser' // the page itself: offline, mixed content, Content-Security-Policy
  | 'dns'
  | 'tcp'
  | 'tls'
  | 'firewall' // something drops or holds packets or requests without answering
  | 'proxy' // the reverse proxy (nginx, Caddy) or a load balancer in front of the app server
  | 'origin' // the app server's Origin allow-list
  | 'backend' // the app server itself, or the proxy failing to reach it
  | 'rest' // the HTTP status route
  | 'cors'
  | 'channel' // the payment channel asked about

export type CauseId =
  | 'offline'
  | 'mixed-content'
  | 'csp-blocked'
  | 'dns-failed'
  | 'tcp-refused'
  | 'tcp-timeout'
  | 'tls-untrusted'
  | 'tls-name-mismatch'
  | 'tls-expired'
  | 'tls-expiring'
  | 'tls-not-tls'
  | 'proxy-serves-app'
  | 'upgrade-headers-dropped'
  | 'proxy-no-route'
  | 'origin-refused'
  | 'origin-open'
  | 'backend-down'
  | 'handshake-stalled'
  | 'upgrade-refused'
  | 'flap'
  | 'no-welcome'
  | 'no-status'
  | 'slow-welcome'
  | 'no-pong'
  | 'slow-rtt'
  | 'idle-timeout'
  | 'idle-timeout-above-heartbeat'
  | 'connection-lifetime'
  | 'silent-path'
  | 'server-closed'
  | 'compression'
  | 'rest-unreachable'
  | 'rest-misrouted'
  | 'rest-server-error'
  | 'cors-missing'
  | 'cors-retry-after'
  | 'channel-not-found'

export interface Cause {
  layer: Layer
  /** One line: what to change, and where. */
  fix: string
}

const NGINX_UPGRADE =
  'nginx: `proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection $connection_upgrade;` in `location /ws/`'
const CADDY_UPGRADE = 'Caddy: a plain `reverse_proxy` in `handle /ws/*` carries it (no `encode`, no `header_up Connection`)'

export const CAUSES: Readonly<Record<CauseId, Cause>> = {
  offline: { layer: 'browser', fix: 'Reconnect the device to a network; the monitor resumes by itself.' },
  'mixed-content': {
    layer: 'browser',
    fix: 'Build with VITE_PAYMENT_WS_URL=wss://… and VITE_PAYMENT_API_URL=https://… (an https page may not use ws:/http:).',
  },
  'csp-blocked': {
    layer: 'browser',
    fix: "Add the socket and API origins to the Content-Security-Policy's connect-src (deploy/nginx.conf, deploy/Caddyfile: CSP_CONNECT_SRC).",
  },
  'dns-failed': { layer: 'dns', fix: 'Check the DNS record of the host (A/AAAA) and the resolver this machine uses.' },
  'tcp-refused': { layer: 'tcp', fix: 'Nothing listens on that address and port, or a firewall rejects it: start the service or open the port.' },
  'tcp-timeout': { layer: 'firewall', fix: 'Packets to the port are dropped: check the firewall, security group or load balancer listener.' },
  'tls-untrusted': {
    layer: 'tls',
    fix: 'Serve the full chain from a public CA (Caddy does it by itself; nginx: ssl_certificate must be fullchain.pem), or pass --ca for a private CA.',
  },
  'tls-name-mismatch': { layer: 'tls', fix: 'Issue the certificate for this host name (Caddy: use the host name as site address).' },
  'tls-expired': { layer: 'tls', fix: 'Renew the certificate (Caddy renews by itself; nginx: certbot renew, then reload).' },
  'tls-expiring': { layer: 'tls', fix: 'Renew the certificate now and check that automatic renewal runs.' },
  'tls-not-tls': { layer: 'tls', fix: 'The port does not speak TLS: use ws:// for it, or terminate TLS on it (nginx `listen 443 ssl`, Caddy a host-name site).' },
  'proxy-serves-app': {
    layer: 'proxy',
    fix: 'Route /ws/ to the app server before the SPA fallback: nginx `location /ws/ { proxy_pass … }`, Caddy `handle /ws/* { reverse_proxy … }`.',
  },
  'upgrade-headers-dropped': { layer: 'proxy', fix: `Pass the upgrade through: ${NGINX_UPGRADE}; ${CADDY_UPGRADE}.` },
  'proxy-no-route': { layer: 'proxy', fix: 'Check the socket URL path (/ws/payment-monitor) and that the proxy routes /ws/ to the app server.' },
  'origin-refused': { layer: 'origin', fix: "Serve the page from an origin on the server's Origin allow-list, or add that origin to it." },
  'origin-open': { layer: 'origin', fix: "Restore the server's Origin allow-list: any site can open this socket now." },
  'backend-down': {
    layer: 'backend',
    fix: 'The proxy cannot reach the app server: start it, and check the upstream address (nginx `upstream`, Caddy `reverse_proxy` target).',
  },
  'handshake-stalled': {
    layer: 'firewall',
    fix: 'Something holds the upgrade without answering: check firewall rules, the load balancer listener and its WebSocket support.',
  },
  'upgrade-refused': { layer: 'proxy', fix: `Check the proxy's answer to the upgrade in its log; ${NGINX_UPGRADE}; ${CADDY_UPGRADE}.` },
  flap: {
    layer: 'proxy',
    fix: `A proxy or load balancer cuts the socket after the upgrade: ${NGINX_UPGRADE} and \`proxy_buffering off\`; ${CADDY_UPGRADE}; check its log at the close.`,
  },
  'no-welcome': { layer: 'backend', fix: "The socket opened but the server sent no welcome: check the app server's log for this connection." },
  'no-status': { layer: 'backend', fix: "No status_update came after subscribing: check the app server's log for this channel." },
  'slow-welcome': { layer: 'backend', fix: 'The welcome came late: check the app server load and the proxy for buffering (nginx `proxy_buffering off`; Caddy: no `encode` on /ws/*).' },
  'no-pong': {
    layer: 'proxy',
    fix: 'Pings get no pong: a proxy that buffers frames (nginx `proxy_buffering off`; Caddy: no `encode` on /ws/*) or a stuck app server.',
  },
  'slow-rtt': { layer: 'proxy', fix: 'Round trips are slow: look for buffering on the socket route or an overloaded server.' },
  'idle-timeout': {
    layer: 'proxy',
    fix:
      'Raise the idle timeout of the socket route well above the 15 s quiet time after which the app pings: nginx `proxy_read_timeout 3600s; proxy_send_timeout 3600s;` ' +
      "in `location /ws/`; Caddy has none on an upgraded stream, so look at what sits in front of it (load balancer idle timeout).",
  },
  'idle-timeout-above-heartbeat': {
    layer: 'proxy',
    fix: 'The heartbeat keeps sockets inside this idle timeout, with little margin: raise it (nginx `proxy_read_timeout`, the idle timeout of a load balancer in front of Caddy).',
  },
  'connection-lifetime': {
    layer: 'proxy',
    fix: 'Sockets are cut even with traffic: look for a maximum connection lifetime on the proxy or load balancer, or a NAT/firewall session limit.',
  },
  'silent-path': {
    layer: 'proxy',
    fix: 'A connection was lost without a close: a proxy or NAT that drops idle connections silently, or the device slept; raise its idle timeout.',
  },
  'server-closed': { layer: 'backend', fix: 'The app server closed the socket itself: see the close code and its log (1001/1012: a restart).' },
  compression: {
    layer: 'backend',
    fix: 'permessage-deflate is negotiated; if sockets die after the upgrade, switch it off on the server (ws: perMessageDeflate: false).',
  },
  'rest-unreachable': { layer: 'rest', fix: 'The status route cannot be reached: check the API URL, DNS, TLS and that the proxy routes /api/.' },
  'rest-misrouted': {
    layer: 'proxy',
    fix: 'The status route does not reach the app server: nginx `location /api/ { proxy_pass … }`, Caddy `handle /api/* { reverse_proxy … }`.',
  },
  'rest-server-error': { layer: 'backend', fix: "The status route fails on the server side: check the app server's log (and the proxy's upstream)." },
  'cors-missing': { layer: 'cors', fix: 'Answer the page origin with Access-Control-Allow-Origin on /api/ (the app server sets it; a proxy must not strip it).' },
  'cors-retry-after': { layer: 'cors', fix: 'Add `Access-Control-Expose-Headers: Retry-After` so the page can honour the server\'s back-off.' },
  'channel-not-found': { layer: 'channel', fix: 'Check the channel id: the server does not know it (or the payment was made on another server).' },
}

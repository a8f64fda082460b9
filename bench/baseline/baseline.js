/**
 * The connection policy of the client this app replaces, reimplemented from its description so the
 * benchmarks can run every scenario against it too. Plain ES module, no framework and no globals:
 * the page (index.html) passes the browser's WebSocket, fetch and timers, and the Node storm
 * (bench/storm.ts) passes `ws`, Node's fetch and Node's timers, so both run this one policy.
 *
 * The policy, as described (our reading where the description leaves a gap is marked READING):
 * - polls once at start and every 5 s while opening the socket;
 * - 5 s after start it stops polling if the socket is connected;
 * - socket connect timeout 10 s;
 * - on `open` it waits 250 ms and subscribes (it does not wait for the welcome);
 * - pings every 30 s and never checks for a pong;
 * - on close codes 1006, 1002 and 1003 it polls every 5 s for the rest of the page's life and
 *   never tries the socket again;
 * - on other codes it reconnects after 5 s, 10 s, 20 s, 30 s, 30 s, then polls;
 * - it applies every status it receives in arrival order.
 */

export const BASELINE_POLICY = Object.freeze({
  pollIntervalMs: 5000,
  startPollingWindowMs: 5000,
  connectTimeoutMs: 10000,
  subscribeDelayMs: 250,
  pingIntervalMs: 30000,
  /** Close codes after which the socket is given up for good. */
  fallbackCodes: Object.freeze([1006, 1002, 1003]),
  reconnectDelaysMs: Object.freeze([5000, 10000, 20000, 30000, 30000]),
})

/**
 * Stored status (poll) to the detailed code the socket sends. The old client showed whatever it
 * received; mapping here only lets the same measuring code compare like with like. No merge rule:
 * whatever arrives last is shown, even if it is older or goes backwards.
 */
function pollStatusToCode(channel) {
  switch (channel.status) {
    case 'pending':
      if (channel.isExpired === true) return 'expired'
      return channel.txHash ? 'payment_detected' : 'waiting_payment'
    case 'confirming':
      return 'confirming'
    case 'confirmed':
      return 'creating_account'
    case 'completed':
      return 'completed'
    case 'failed':
      return 'failed'
    default:
      return 'unknown'
  }
}

const PROGRESS = {
  waiting_payment: 20,
  payment_detected: 40,
  confirming: 55,
  creating_account: 80,
  completed: 100,
}

/**
 * @param {import('./baseline').BaselineOptions} options
 * @returns {import('./baseline').BaselineClient}
 */
export function createBaselineClient(options) {
  const { wsUrl, apiUrl, channelId, createSocket, fetch, timers } = options
  const onChange = options.onChange ?? (() => {})
  const onEvent = options.onEvent ?? (() => {})
  const policy = BASELINE_POLICY

  const view = {
    status: '',
    progress: 0,
    state: 'idle',
    transport: 'none',
    lastCloseCode: '',
    wsAttempts: 0,
  }
  let socket = null
  let socketOpen = false
  /** READING: one poll timer at a time; entering fallback polling replaces the start-phase timer. */
  let pollTimer = null
  let fallbackPolling = false
  let connectTimer = null
  let subscribeTimer = null
  let pingTimer = null
  let reconnectTimer = null
  let reconnectIndex = 0
  let startWindowTimer = null
  let stopped = false

  function render() {
    view.state = socketOpen ? 'open' : fallbackPolling ? 'polling' : socket ? 'connecting' : 'idle'
    view.transport = socketOpen ? 'websocket' : pollTimer !== null ? 'polling' : 'none'
    onChange({ ...view })
  }

  function apply(code, progress, source) {
    view.status = code
    view.progress = typeof progress === 'number' && progress >= 0 && progress <= 100 ? progress : (PROGRESS[code] ?? 0)
    onEvent('status', { code, source })
    render()
  }

  async function poll() {
    if (stopped) return
    onEvent('poll', {})
    try {
      const response = await fetch(`${apiUrl}/api/onboarding/payment/status/${encodeURIComponent(channelId)}`, {
        headers: { Accept: 'application/json' },
      })
      const body = JSON.parse(await response.text())
      if (stopped || !body || body.success !== true || !body.channel) return
      apply(pollStatusToCode(body.channel), body.channel.progress, 'poll')
    } catch {
      // The old client logged and waited for the next tick.
    }
  }

  function startPolling(immediately) {
    if (pollTimer !== null) timers.clearInterval(pollTimer)
    if (immediately) void poll()
    pollTimer = timers.setInterval(() => void poll(), policy.pollIntervalMs)
  }

  function stopPolling() {
    if (pollTimer !== null) timers.clearInterval(pollTimer)
    pollTimer = null
  }

  function clearSocketTimers() {
    for (const timer of [connectTimer, subscribeTimer]) if (timer !== null) timers.clearTimeout(timer)
    if (pingTimer !== null) timers.clearInterval(pingTimer)
    connectTimer = subscribeTimer = pingTimer = null
  }

  function send(message) {
    try {
      socket?.send(JSON.stringify(message))
    } catch {
      // Sending on a closing socket throws in some runtimes; the old client ignored it.
    }
  }

  function connect() {
    if (stopped) return
    view.wsAttempts += 1
    onEvent('connect', { attempt: view.wsAttempts })
    const ws = createSocket(wsUrl)
    socket = ws
    socketOpen = false
    connectTimer = timers.setTimeout(() => {
      // READING: a timed-out handshake is closed and handled like any close (the browser reports 1006).
      if (socket === ws && !socketOpen) ws.close()
    }, policy.connectTimeoutMs)
    ws.onopen = () => {
      if (socket !== ws) return
      timers.clearTimeout(connectTimer)
      connectTimer = null
      socketOpen = true
      // READING: the retry schedule starts over once a socket opens.
      reconnectIndex = 0
      onEvent('open', {})
      subscribeTimer = timers.setTimeout(() => send({ type: 'subscribe', channelId }), policy.subscribeDelayMs)
      pingTimer = timers.setInterval(() => send({ type: 'ping' }), policy.pingIntervalMs)
      render()
    }
    ws.onmessage = (event) => {
      if (socket !== ws) return
      let message
      try {
        message = JSON.parse(String(event.data))
      } catch {
        return
      }
      if (message && message.type === 'status_update' && message.channelId === channelId && typeof message.status === 'string') {
        apply(message.status, message.progress, 'websocket')
      }
    }
    ws.onerror = () => {}
    ws.onclose = (event) => {
      if (socket !== ws) return
      clearSocketTimers()
      socket = null
      socketOpen = false
      view.lastCloseCode = String(event.code)
      onEvent('close', { code: event.code })
      if (stopped) return
      if (policy.fallbackCodes.includes(event.code)) {
        fallbackPolling = true
        startPolling(false)
      } else if (reconnectIndex < policy.reconnectDelaysMs.length) {
        const delay = policy.reconnectDelaysMs[reconnectIndex]
        reconnectIndex += 1
        reconnectTimer = timers.setTimeout(() => {
          reconnectTimer = null
          connect()
        }, delay)
      } else {
        fallbackPolling = true
        startPolling(false)
      }
      render()
    }
    render()
  }

  return {
    start() {
      startPolling(true)
      connect()
      startWindowTimer = timers.setTimeout(() => {
        startWindowTimer = null
        if (socketOpen && !fallbackPolling) stopPolling()
        render()
      }, policy.startPollingWindowMs)
      render()
    },
    stop() {
      stopped = true
      stopPolling()
      clearSocketTimers()
      if (reconnectTimer !== null) timers.clearTimeout(reconnectTimer)
      if (startWindowTimer !== null) timers.clearTimeout(startWindowTimer)
      const ws = socket
      socket = null
      socketOpen = false
      try {
        ws?.close(1000)
      } catch {
        // already closed
      }
    },
    view: () => ({ ...view }),
  }
}

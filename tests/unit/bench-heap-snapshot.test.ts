/**
 * The heap breakdown of the bench: a V8 heap snapshot summed by part, each JS-heap object counted
 * once, Blink's objects and script sources left out; and when the bench calls the logs full.
 */
import { describe, expect, it } from 'vitest'
import { logsFull } from '../../bench/heap'
import { growthByPart, heapComposition } from '../../bench/heapSnapshot'

const NODE_TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape']
const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak']

interface Node {
  type: string
  name: string
  size: number
  edges?: Array<{ type: string; name: string | number; to: string }>
}

/** A `.heapsnapshot` in Chrome's format from named nodes (the first is the root). */
function snapshot(nodes: Record<string, Node>): string {
  const ids = Object.keys(nodes)
  const strings: string[] = []
  const str = (s: string): number => {
    const at = strings.indexOf(s)
    return at >= 0 ? at : strings.push(s) - 1
  }
  const nodeFields = ['type', 'name', 'id', 'self_size', 'edge_count', 'detachedness']
  const flatNodes: number[] = []
  const flatEdges: number[] = []
  ids.forEach((id, index) => {
    const node = nodes[id] as Node
    flatNodes.push(NODE_TYPES.indexOf(node.type), str(node.name), index * 2 + 1, node.size, node.edges?.length ?? 0, 0)
    for (const edge of node.edges ?? []) {
      const kind = EDGE_TYPES.indexOf(edge.type)
      flatEdges.push(kind, typeof edge.name === 'number' ? edge.name : str(edge.name), ids.indexOf(edge.to) * nodeFields.length)
    }
  })
  return JSON.stringify({
    snapshot: {
      meta: {
        node_fields: nodeFields,
        node_types: [NODE_TYPES, 'string', 'number', 'number', 'number', 'number'],
        edge_fields: ['type', 'name_or_index', 'to_node'],
        edge_types: [EDGE_TYPES, 'string_or_number', 'node'],
      },
    },
    nodes: flatNodes,
    edges: flatEdges,
    strings,
  })
}

/** A page with one diagnostic event in a log, a bit of everything else, and `extra` nodes hung off the root. */
function page(extra: Record<string, Node> = {}, eventCount = 1): string {
  const events: Record<string, Node> = {}
  for (let i = 0; i < eventCount; i++) {
    events[`event${i}`] = {
      type: 'object',
      name: 'Object',
      size: 20,
      edges: [
        { type: 'property', name: 'at', to: `at${i}` },
        { type: 'property', name: 'kind', to: 'kindSocket' },
        { type: 'property', name: 'level', to: 'levelInfo' },
        { type: 'property', name: 'message', to: `message${i}` },
        { type: 'property', name: '__proto__', to: 'objectPrototype' },
        { type: 'internal', name: 'map', to: 'eventShape' },
      ],
    }
    events[`at${i}`] = { type: 'number', name: 'heap number', size: 12 }
    events[`message${i}`] = { type: 'concatenated string', name: '(concatenated string)', size: 20, edges: [{ type: 'internal', name: 'first', to: `part${i}` }] }
    events[`part${i}`] = { type: 'string', name: 'Attempt #1: open', size: 32 }
  }
  const log: Node = { type: 'array', name: '', size: 16, edges: Object.keys(events).filter((k) => k.startsWith('event')).map((k, i) => ({ type: 'element', name: i, to: k })) }
  return snapshot({
    root: {
      type: 'synthetic',
      name: '',
      size: 0,
      edges: [
        { type: 'element', name: 1, to: 'strongRoots' },
        { type: 'property', name: 'log', to: 'log' },
        { type: 'property', name: 'kinds', to: 'kindSocket' },
        { type: 'property', name: 'levels', to: 'levelInfo' },
        { type: 'property', name: 'fn', to: 'closure' },
        { type: 'property', name: 'div', to: 'div' },
        { type: 'property', name: 'cell', to: 'cell' },
        { type: 'property', name: 'source', to: 'source' },
        ...Object.keys(extra).map((to) => ({ type: 'property', name: to, to })),
      ],
    },
    strongRoots: { type: 'synthetic', name: '(Strong root list)', size: 0, edges: [{ type: 'internal', name: 'smi_string_cache', to: 'smiCache' }, { type: 'internal', name: 'undefined_value', to: 'undefinedValue' }] },
    smiCache: { type: 'array', name: '', size: 1000 },
    undefinedValue: { type: 'hidden', name: 'system / Oddball', size: 8 },
    log,
    ...events,
    kindSocket: { type: 'string', name: 'socket', size: 16 },
    levelInfo: { type: 'string', name: 'info', size: 16 },
    objectPrototype: { type: 'object', name: 'Object', size: 12 },
    eventShape: { type: 'object shape', name: 'system / Map', size: 40, edges: [{ type: 'internal', name: 'dependent_code', to: 'dependentCode' }] },
    dependentCode: { type: 'native', name: 'system / WeakArrayList', size: 24 },
    closure: { type: 'closure', name: 'tick', size: 32, edges: [{ type: 'internal', name: 'code', to: 'code' }] },
    code: { type: 'code', name: 'system / InstructionStream', size: 4000, edges: [{ type: 'internal', name: 'deoptimization_data', to: 'deopt' }] },
    deopt: { type: 'native', name: 'system / ProtectedFixedArray', size: 100 },
    div: { type: 'native', name: '<div>', size: 500 },
    cell: { type: 'native', name: 'system / PropertyCell', size: 24 },
    source: { type: 'native', name: 'system / ExternalStringData', size: 90000 },
    ...extra,
  })
}

describe('the heap breakdown of a snapshot', () => {
  it('counts each JS-heap object once, in its part, and leaves Blink objects and script sources out', () => {
    const c = heapComposition(page())
    expect(c.logEntries).toEqual({ events: 1, attempts: 0, pollFailures: 0 })
    expect(c.parts).toEqual({
      // the event, its heap number, its message and the message's half: only the event holds them
      'log entries': 20 + 12 + 20 + 32,
      'engine caches': 1000,
      'compiled code': 4000 + 100 + 24,
      'object shapes': 40,
      // "socket" and "info" are shared by every event: not the entry's own
      strings: 16 + 16,
      objects: 16 + 12 + 8 + 32,
      'engine internals': 24,
    })
    expect(c.totalBytes).toBe(Object.values(c.parts).reduce((a, b) => a + b, 0))
  })

  it('tells socket attempt records and poll failures from other objects by their keys', () => {
    const keys = (names: string[]) => names.map((name) => ({ type: 'property', name, to: 'n' }))
    const attemptKeys = ['id', 'url', 'startedAt', 'openMs', 'welcomeMs', 'lifetimeMs', 'quietMs', 'closeCode', 'closeReason', 'wasClean', 'closedBy', 'clientReason', 'failed']
    const c = heapComposition(
      page({
        n: { type: 'number', name: 'heap number', size: 12 },
        attempt: { type: 'object', name: 'Object', size: 64, edges: keys(attemptKeys) },
        failure: { type: 'object', name: 'Object', size: 20, edges: keys(['at', 'httpStatus', 'message']) },
        almostEvent: { type: 'object', name: 'Object', size: 20, edges: keys(['at', 'kind', 'level', 'message', 'extra']) },
        classInstance: { type: 'object', name: 'EventLog', size: 20, edges: keys(['at', 'kind', 'level', 'message']) },
      }),
    )
    expect(c.logEntries).toEqual({ events: 1, attempts: 1, pollFailures: 1 })
    // the shared number `n` stays in objects
    expect(c.parts['log entries']).toBe(84 + 64 + 20)
  })

  it('says which part grew, largest first', () => {
    const before = heapComposition(page({}, 1))
    const after = heapComposition(page({ moreCode: { type: 'code', name: 'system / BytecodeArray', size: 3000 } }, 3))
    const growth = growthByPart(before, after)
    expect(growth[0]).toEqual({ part: 'compiled code', bytes: 3000 })
    expect(growth[1]).toEqual({ part: 'log entries', bytes: 2 * 84 })
    expect(growth.find((g) => g.part === 'objects')?.bytes).toBe(0)
    expect(growth.reduce((sum, g) => sum + g.bytes, 0)).toBe(after.totalBytes - before.totalBytes)
  })
})

describe('when the bench calls the bounded logs full', () => {
  const limits = { events: 200, attempts: 50, pollFailures: 20 }
  it('the logs every flapping socket writes to are at their limits', () => {
    expect(logsFull({ events: 200, attempts: 50, pollFailures: 0 }, limits)).toBe(true)
    expect(logsFull({ events: 200, attempts: 50, pollFailures: 20 }, limits)).toBe(true)
  })
  it('not while either is below its limit; a poll that failed now and then does not hold the window back', () => {
    expect(logsFull({ events: 200, attempts: 49, pollFailures: 0 }, limits)).toBe(false)
    expect(logsFull({ events: 199, attempts: 50, pollFailures: 0 }, limits)).toBe(false)
    expect(logsFull({ events: 12, attempts: 1, pollFailures: 0 }, limits)).toBe(false)
    expect(logsFull({ events: 200, attempts: 50, pollFailures: 2 }, limits)).toBe(true)
  })
})

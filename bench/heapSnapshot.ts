/**
 * What a page's JS heap is made of, read from a V8 heap snapshot (CDP `HeapProfiler.takeHeapSnapshot`)
 * and summed into a few parts, so that two snapshots say which part a heap growth came from.
 *
 * Every node of the snapshot that lives in the JS heap is counted once, by its own (shallow)
 * size, in the first part it matches:
 * - `log entries`: the app's bounded logs, found by shape (minifying keeps property names): diagnostic
 *   events `{at, kind, level, message}`, poll failures `{at, httpStatus, message}` and socket attempt
 *   records, each with the strings and numbers only it holds (its message).
 * - `engine caches`: the caches V8 keeps among its strong roots (`smi_string_cache`,
 *   `double_string_cache`, regexp caches); they grow with the page's number → string conversions
 *   up to a size V8 fixes.
 * - `compiled code`: bytecode, optimized machine code, type feedback and the function data around
 *   them (node type `code`, deoptimization data, and the lists of optimized code that depends on
 *   an object shape). This grows while V8 compiles and optimizes the functions the page runs.
 * - `object shapes`: V8's hidden classes (`object shape`).
 * - `strings`, then `objects`: every other JS value (objects, arrays, closures, numbers).
 * - `engine internals`: V8's own `system / …` objects (templates, property cells, …).
 * Blink's C++ objects (DOM nodes, network records) and script sources held outside the JS heap
 * are left out, as `Runtime.getHeapUsage` leaves them out of `usedSize`.
 */

export const HEAP_PARTS = ['log entries', 'engine caches', 'compiled code', 'object shapes', 'strings', 'objects', 'engine internals'] as const
export type HeapPart = (typeof HEAP_PARTS)[number]

export interface HeapComposition {
  /** Bytes by part; the parts add up to `totalBytes`. */
  parts: Record<HeapPart, number>
  totalBytes: number
  /** Log entries found in the snapshot (objects, so a record shared by two arrays counts once). */
  logEntries: { events: number; attempts: number; pollFailures: number }
}

/** One part's change between two snapshots, bytes (negative: it shrank). */
export interface PartGrowth {
  part: HeapPart
  bytes: number
}

/** The JSON of a `.heapsnapshot`, as far as it is read here. */
interface SnapshotJson {
  snapshot: {
    meta: {
      node_fields: string[]
      node_types: [string[], ...unknown[]]
      edge_fields: string[]
      edge_types: [string[], ...unknown[]]
    }
  }
  nodes: number[]
  edges: number[]
  strings: string[]
}

const EVENT_KEYS = ['at', 'kind', 'level', 'message']
const POLL_FAILURE_KEYS = ['at', 'httpStatus', 'message']
/** Enough of a socket attempt record (src/core/transports/socketAttempt.ts) to tell it from anything else. */
const ATTEMPT_KEYS = ['id', 'url', 'startedAt', 'openMs', 'welcomeMs', 'lifetimeMs', 'quietMs', 'closeCode', 'closedBy', 'clientReason']
const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string'])
/** V8 objects typed `native` in the snapshot that belong to compiled code. */
const CODE_NATIVES = new Set(['system / ProtectedFixedArray', 'system / SharedFunctionInfoWrapper'])

function sameKeys(keys: ReadonlySet<string>, wanted: readonly string[]): boolean {
  return keys.size === wanted.length && wanted.every((key) => keys.has(key))
}

export function heapComposition(json: string | SnapshotJson): HeapComposition {
  const snap: SnapshotJson = typeof json === 'string' ? (JSON.parse(json) as SnapshotJson) : json
  const { meta } = snap.snapshot
  const nodeFieldCount = meta.node_fields.length
  const edgeFieldCount = meta.edge_fields.length
  const field = (fields: string[], name: string): number => {
    const index = fields.indexOf(name)
    if (index < 0) throw new Error(`heap snapshot: no ${name} field`)
    return index
  }
  const TYPE = field(meta.node_fields, 'type')
  const NAME = field(meta.node_fields, 'name')
  const SIZE = field(meta.node_fields, 'self_size')
  const EDGE_COUNT = field(meta.node_fields, 'edge_count')
  const EDGE_TYPE = field(meta.edge_fields, 'type')
  const EDGE_NAME = field(meta.edge_fields, 'name_or_index')
  const EDGE_TO = field(meta.edge_fields, 'to_node')
  const nodeTypes = meta.node_types[0]
  const edgeTypes = meta.edge_types[0]
  const { nodes, edges, strings } = snap
  const count = nodes.length / nodeFieldCount

  const at = (array: number[], index: number): number => array[index] as number
  const typeOf = (node: number): string => nodeTypes[at(nodes, node * nodeFieldCount + TYPE)] ?? ''
  const nameOf = (node: number): string => strings[at(nodes, node * nodeFieldCount + NAME)] ?? ''
  const sizeOf = (node: number): number => at(nodes, node * nodeFieldCount + SIZE)
  const firstEdge = new Uint32Array(count + 1)
  for (let node = 0; node < count; node += 1) firstEdge[node + 1] = (firstEdge[node] as number) + at(nodes, node * nodeFieldCount + EDGE_COUNT)
  const edgeType = (edge: number): string => edgeTypes[at(edges, edge * edgeFieldCount + EDGE_TYPE)] ?? ''
  const edgeTarget = (edge: number): number => at(edges, edge * edgeFieldCount + EDGE_TO) / nodeFieldCount
  const edgeName = (edge: number): string => {
    const kind = edgeType(edge)
    const nameOrIndex = at(edges, edge * edgeFieldCount + EDGE_NAME)
    return kind === 'element' || kind === 'hidden' ? String(nameOrIndex) : (strings[nameOrIndex] ?? '')
  }

  // How many strong references each node has: a string held by one log entry alone is that entry's.
  const retainers = new Uint32Array(count)
  for (let edge = 0; edge < edges.length / edgeFieldCount; edge += 1) {
    if (edgeType(edge) !== 'weak') retainers[edgeTarget(edge)] = (retainers[edgeTarget(edge)] as number) + 1
  }

  const part = new Array<HeapPart | null>(count).fill(null)
  const logEntries = { events: 0, attempts: 0, pollFailures: 0 }
  /** Marks what only `node` holds (its strings, cons-string halves, heap numbers) as log entries too. */
  const claimOwned = (node: number, depth: number): void => {
    for (let edge = firstEdge[node] as number; edge < (firstEdge[node + 1] as number); edge += 1) {
      if (edgeType(edge) === 'weak') continue
      const target = edgeTarget(edge)
      const type = typeOf(target)
      if (part[target] !== null || retainers[target] !== 1 || !(STRING_TYPES.has(type) || type === 'number')) continue
      part[target] = 'log entries'
      if (depth < 64) claimOwned(target, depth + 1)
    }
  }
  for (let node = 0; node < count; node += 1) {
    if (typeOf(node) !== 'object' || nameOf(node) !== 'Object') continue
    const keys = new Set<string>()
    for (let edge = firstEdge[node] as number; edge < (firstEdge[node + 1] as number); edge += 1) {
      if (edgeType(edge) === 'property' && edgeName(edge) !== '__proto__') keys.add(edgeName(edge))
    }
    const kind = sameKeys(keys, EVENT_KEYS)
      ? 'events'
      : sameKeys(keys, POLL_FAILURE_KEYS)
        ? 'pollFailures'
        : ATTEMPT_KEYS.every((key) => keys.has(key))
          ? 'attempts'
          : null
    if (kind === null) continue
    logEntries[kind] += 1
    part[node] = 'log entries'
    claimOwned(node, 0)
  }

  for (let node = 0; node < count; node += 1) {
    if (typeOf(node) !== 'synthetic' || nameOf(node) !== '(Strong root list)') continue
    for (let edge = firstEdge[node] as number; edge < (firstEdge[node + 1] as number); edge += 1) {
      const target = edgeTarget(edge)
      if (edgeName(edge).endsWith('_cache') && part[target] === null) part[target] = 'engine caches'
    }
  }
  // The optimized code that depends on an object shape, listed on the shape.
  for (let node = 0; node < count; node += 1) {
    if (typeOf(node) !== 'object shape') continue
    for (let edge = firstEdge[node] as number; edge < (firstEdge[node + 1] as number); edge += 1) {
      const target = edgeTarget(edge)
      if (edgeName(edge) === 'dependent_code' && part[target] === null && typeOf(target) !== 'object shape') part[target] = 'compiled code'
    }
  }

  const parts = Object.fromEntries(HEAP_PARTS.map((name) => [name, 0])) as Record<HeapPart, number>
  let totalBytes = 0
  for (let node = 0; node < count; node += 1) {
    const type = typeOf(node)
    let which = part[node] ?? null
    if (which === null) {
      if (type === 'synthetic') continue
      if (type === 'native') {
        // Blink's objects live outside the JS heap; so do the sources of scripts (external strings).
        const name = nameOf(node)
        if (!name.startsWith('system / ') || name.startsWith('system / ExternalStringData')) continue
        which = CODE_NATIVES.has(name) ? 'compiled code' : 'engine internals'
      } else if (type === 'code') which = 'compiled code'
      else if (type === 'object shape') which = 'object shapes'
      else if (STRING_TYPES.has(type)) which = 'strings'
      else which = 'objects'
    }
    parts[which] += sizeOf(node)
    totalBytes += sizeOf(node)
  }
  return { parts, totalBytes, logEntries }
}

/** How each part changed from `from` to `to`, largest growth first. */
export function growthByPart(from: HeapComposition, to: HeapComposition): PartGrowth[] {
  return HEAP_PARTS.map((part) => ({ part, bytes: to.parts[part] - from.parts[part] })).sort((a, b) => b.bytes - a.bytes)
}

/**
 * The import graph of a source folder (`.ts` and `.vue`, relative imports, type-only and dynamic
 * ones included), and its circles: the layering lint (eslint.config.js) sees one import at a time,
 * this sees them all at once.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

/** Each file (relative to the root given) and the files it imports. */
export type ImportGraph = Map<string, Set<string>>

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(ts|vue)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** @example importGraph('/repo', 'src').get('src/main.ts') // Set { 'src/App.vue', ... } */
export function importGraph(root: string, folder: string): ImportGraph {
  const files = sourceFiles(resolve(root, folder))
  const known = new Set(files)
  const target = (from: string, specifier: string): string | null => {
    if (!specifier.startsWith('.')) return null
    const base = resolve(dirname(from), specifier.replace(/\.js$/, ''))
    return [base, `${base}.ts`, `${base}.vue`, join(base, 'index.ts')].find((candidate) => known.has(candidate)) ?? null
  }
  const graph: ImportGraph = new Map()
  for (const file of files) {
    const imports = new Set<string>()
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const to = target(file, (match[1] ?? match[2] ?? match[3]) as string)
      if (to !== null && to !== file) imports.add(relative(root, to))
    }
    graph.set(relative(root, file), imports)
  }
  return graph
}

/** Every group of files that import each other in a circle (Tarjan's strongly connected components). */
export function importCircles(graph: ImportGraph): string[][] {
  let counter = 0
  const order = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const circles: string[][] = []
  const visit = (file: string): void => {
    order.set(file, counter)
    low.set(file, counter)
    counter += 1
    stack.push(file)
    onStack.add(file)
    for (const next of graph.get(file) ?? []) {
      if (!order.has(next)) {
        visit(next)
        low.set(file, Math.min(low.get(file) as number, low.get(next) as number))
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file) as number, order.get(next) as number))
    }
    if (low.get(file) !== order.get(file)) return
    const group: string[] = []
    let member: string
    do {
      member = stack.pop() as string
      onStack.delete(member)
      group.push(member)
    } while (member !== file)
    if (group.length > 1) circles.push(group.sort())
  }
  for (const file of graph.keys()) if (!order.has(file)) visit(file)
  return circles
}

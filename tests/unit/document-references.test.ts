/**
 * The repository stands on its own: every document or file that a tracked file names (a Markdown file,
 * a Markdown link, a `#section` of a Markdown file, a path such as `src/core/config.ts`) exists in the
 * tree, and no tracked file names a path of one particular machine (a home or work directory).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Files that cannot hold a reference worth checking. */
const SKIPPED = /\.(png|jpe?g|gif|ico|webp|woff2?)$|(^|\/)package-lock\.json$/

/** Top-level directories that exist only on one person's machine. Spelled without slashes so this
 * file does not trip its own check. */
const MACHINE_DIRS = ['work', 'home', 'root', 'Users']
const MACHINE_PATH = new RegExp(`(?<![\\w.~$-])/(?:${MACHINE_DIRS.join('|')})/[^\\s'"\`)]*`, 'g')

/** Any URL: what it points at is not a file of this tree. */
const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"`)<>\]]+/gi
/** A path or name ending in `.md`, with an optional `#section`. */
const MD_REFERENCE = /(?<![\w/.-])((?:[\w.-]+\/)*[\w.-]+\.md)(?:#([\w-]+))?(?![\w])/g
/** How a path in prose or code may leave out its extension (imports, `vi.mock`) or name the
 * emitted `.js` of a `.ts` file. */
const EXTENSIONS = ['', '.ts', '.vue', '.js']
/** Markdown links and images: `[text](target)`. */
const MD_LINK = /\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g

export interface Problem {
  file: string
  line: number
  problem: string
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

/** Anchors of a Markdown file's headings (outside code fences), duplicates numbered as GitHub does. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  let fenced = false
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
    if (!heading) continue
    const base = slug(heading[1] ?? '')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    anchors.add(count === 0 ? base : `${base}-${count}`)
  }
  return anchors
}

/** A path that starts with one of the tree's top-level directories, e.g. `src/core/config.ts`. */
function pathReference(topDirs: readonly string[]): RegExp {
  const dirs = topDirs.map((dir) => dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')
  return new RegExp(`(?<![\\w./@~$-])((?:\\.\\./)*(?:${dirs})/[\\w./*-]*[\\w*-])`, 'g')
}

/**
 * The part of a line that is prose: all of it in Markdown, else the comment (`//`, block and doc
 * comments, `#`, `<!-- -->`). Paths in code are the compiler's business, and string literals in
 * tests are often made-up data.
 */
export function prosePart(line: string, file: string): string {
  if (file.endsWith('.md')) return line
  const trimmed = line.trimStart()
  if (/^(\/\/|\/\*|\*|#|<!--)/.test(trimmed)) return line
  const start = line.search(/\/\/|\/\*|<!--|(^|\s)#\s/)
  return start === -1 ? '' : line.slice(start)
}

/** Checks the given files (paths relative to `root`) and returns every broken reference. */
export function checkReferences(root: string, files: readonly string[]): Problem[] {
  const problems: Problem[] = []
  const topDirs = [...new Set(files.filter((file) => file.includes('/')).map((file) => file.split('/')[0] as string))]
  const PATH_REFERENCE = pathReference(topDirs)
  const anchorCache = new Map<string, Set<string>>()
  const exists = (relative: string): boolean => !relative.startsWith('..') && existsSync(path.join(root, relative))
  const anchors = (relative: string): Set<string> => {
    let found = anchorCache.get(relative)
    if (!found) {
      found = statSync(path.join(root, relative)).isFile() ? anchorsOf(readFileSync(path.join(root, relative), 'utf8')) : new Set()
      anchorCache.set(relative, found)
    }
    return found
  }

  for (const file of files) {
    if (SKIPPED.test(file)) continue
    const text = readFileSync(path.join(root, file), 'utf8')
    const dir = path.posix.dirname(file)
    const isMarkdown = file.endsWith('.md')
    text.split('\n').forEach((rawLine, index) => {
      const report = (problem: string): void => void problems.push({ file, line: index + 1, problem })

      for (const match of rawLine.matchAll(MACHINE_PATH)) report(`names a path of one machine: ${match[0]}`)

      const line = rawLine.replace(URL_PATTERN, ' ')
      const linked = new Set<string>()
      if (isMarkdown) {
        for (const match of line.matchAll(MD_LINK)) {
          const target = match[1] ?? ''
          if (/^(mailto:|data:)/.test(target)) continue
          linked.add(target)
          const [targetPath = '', anchor] = target.split('#')
          const resolved = targetPath === '' ? file : path.posix.normalize(path.posix.join(dir, targetPath))
          if (!exists(resolved)) report(`links to ${target}, which is not in the tree`)
          else if (anchor && resolved.endsWith('.md') && !anchors(resolved).has(anchor)) {
            report(`links to ${target}: ${resolved} has no section #${anchor}`)
          }
        }
      }
      for (const match of line.matchAll(MD_REFERENCE)) {
        const name = match[1] ?? ''
        const anchor = match[2]
        if ([...linked].some((target) => target.split('#')[0]?.endsWith(name))) continue
        // A name in prose is relative to the file that says it, or to the repository root.
        const resolved = [path.posix.normalize(path.posix.join(dir, name)), path.posix.normalize(name)].find(exists)
        if (resolved === undefined) report(`names ${name}, which is not in the tree`)
        else if (anchor && !anchors(resolved).has(anchor)) report(`names ${name}#${anchor}: no such section`)
      }
      for (const match of prosePart(line, file).matchAll(PATH_REFERENCE)) {
        const name = (match[1] ?? '').replace(/\.$/, '')
        // Globs name no one file; Markdown files are checked above, with their sections.
        if (name.includes('*') || name.endsWith('.md') || linked.has(name)) continue
        const bases = [path.posix.join(dir, name), name].map((p) => path.posix.normalize(p))
        const candidates = bases.flatMap((base) => EXTENSIONS.map((ext) => (ext === '' ? base : base.replace(/\.js$/, '') + ext)))
        if (!candidates.some(exists)) report(`names ${name}, which is not in the tree`)
      }
    })
  }
  return problems
}

/** A tracked path may be deleted in the working tree, or be a link to a directory. */
function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile()
}

function tracked(root: string): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter((f) => f !== '')
}

const format = (problems: Problem[]): string => problems.map((p) => `${p.file}:${p.line}: ${p.problem}`).join('\n')

describe('the repository names only documents it holds', () => {
  it('every tracked file', () => {
    // This file plants broken references on purpose (the fixtures below); everything else counts.
    const self = path.relative(REPO_ROOT, fileURLToPath(import.meta.url)).split(path.sep).join('/')
    const files = tracked(REPO_ROOT).filter((file) => file !== self && isFile(path.join(REPO_ROOT, file)))
    expect(files.length).toBeGreaterThan(50)
    const problems = checkReferences(REPO_ROOT, files)
    expect(format(problems)).toBe('')
  })
})

describe('the check itself, on a planted tree', () => {
  let root = ''
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  function plant(files: Record<string, string>): string[] {
    root = mkdtempSync(path.join(os.tmpdir(), 'doc-refs-'))
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true })
      writeFileSync(path.join(root, name), text)
    }
    return Object.keys(files)
  }

  const home = ['', 'home', 'alice', 'notes'].join('/')
  // Built, not written out, so a plain search of the tree for cited documents does not find these planted ones.
  const MD = '.md'

  it('finds a missing document, a broken link, a missing section and a machine path', () => {
    const files = plant({
      [`docs/guide${MD}`]: `# Guide\n\n## Build variables\n\nSee [deploy](../deploy/README.md) and [gone](missing${MD}).\n`,
      'deploy/README.md': `# Deploy\n\n[vars](../docs/guide${MD}#build-variables), [nope](../docs/guide${MD}#no-such-part)\n`,
      'src/a.ts': `// The wire protocol: PROTOCOL${MD}; build vars: docs/guide${MD}#build-variables\nconst x = '${home}/x.txt'\n`,
      'src/b.ts': "// Rules live in src/a.ts and src/gone.ts; see also deploy/README.md.\nimport { x } from './a'\n",
      'src/c.ts': "const fixture = { 'src/made-up.ts': 1 } // but src/gone-too.ts here is a citation\n",
    })
    expect(checkReferences(root, files).map((p) => `${p.file}:${p.line}: ${p.problem}`)).toEqual([
      `docs/guide${MD}:5: links to missing${MD}, which is not in the tree`,
      `deploy/README.md:3: links to ../docs/guide${MD}#no-such-part: docs/guide${MD} has no section #no-such-part`,
      `src/a.ts:1: names PROTOCOL${MD}, which is not in the tree`,
      `src/a.ts:2: names a path of one machine: ${home}/x.txt`,
      'src/b.ts:1: names src/gone.ts, which is not in the tree',
      'src/c.ts:1: names src/gone-too.ts, which is not in the tree',
    ])
  })

  it('accepts names relative to the file or to the root, URLs, and paths of software', () => {
    const files = plant({
      'README.md': `# Top\n\n## Set up\n\n[setup](#set-up), docs/guide${MD}, https://example.com/OTHER${MD}\n`,
      [`docs/guide${MD}`]: '# Guide\n\nSee README.md next door? No: ../README.md, and [top](../README.md#set-up).\n',
      'scripts/x.ts': "const chromium = '/usr/bin/chromium' // and README.md of the root\n",
      'src/core/config.ts': "// emitted as src/core/config.js; imported as ../../scripts/x, globbed as src/**/*.ts\n",
    })
    expect(checkReferences(root, files)).toEqual([])
  })

  it('does not take a heading inside a code fence as a section', () => {
    expect([...anchorsOf('# A\n```sh\n# not a heading\n```\n## B `code`, too\n## B `code`, too\n')]).toEqual([
      'a',
      'b-code-too',
      'b-code-too-1',
    ])
  })
})

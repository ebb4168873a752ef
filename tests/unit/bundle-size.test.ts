/**
 * The JavaScript a participant downloads before the first page shows stays under 150 KB gzipped:
 * the entry script of the built index.html, the chunks it preloads and, transitively, every chunk
 * it imports statically. Chunks loaded with `import()` (pages a participant never opens) do not
 * count. Reads dist/client, which `npm test` builds before vitest runs.
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'

const LIMIT_BYTES = 150 * 1024
const dist = path.resolve('dist/client')

/** Relative paths of the chunks a chunk imports statically (`import … from "./x.js"`, `import "./x.js"`). */
function staticImports(code: string): string[] {
  const found = new Set<string>()
  const pattern =
    /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{},\s]*?\s*from\s*)?(["'`])(\.{1,2}\/[^"'`]+?\.js)\1/g
  for (const match of code.matchAll(pattern)) found.add(match[2] as string)
  return [...found]
}

function initialScripts(): string[] {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8')
  const entries = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => path.resolve(dist, m[1] as string))
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const code = fs.readFileSync(file, 'utf8')
    for (const rel of staticImports(code)) visit(path.resolve(path.dirname(file), rel))
  }
  for (const entry of entries) visit(entry)
  return [...seen]
}

describe('initial JavaScript', () => {
  it('finds static imports and leaves dynamic ones out', () => {
    const code =
      'import{a as b}from"./shared-1.js";import"./side.js";export{c}from`./re.js`;const p=import(`./lazy.js`);import("./lazy2.js")'
    expect(staticImports(code).sort()).toEqual(['./re.js', './shared-1.js', './side.js'])
  })

  it(`is at most ${LIMIT_BYTES / 1024} KB gzipped`, () => {
    if (!fs.existsSync(path.join(dist, 'index.html'))) {
      throw new Error('The client is not built: run `npm run build` (npm test does this first).')
    }
    const files = initialScripts()
    expect(files.length).toBeGreaterThan(0)
    const sizes = files.map((file) => ({
      file: path.relative(dist, file),
      gzip: zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length,
    }))
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0)
    console.info(
      `initial JS: ${(total / 1024).toFixed(1)} KB gzipped in ${sizes.length} file(s): ${sizes
        .map((s) => `${s.file} ${(s.gzip / 1024).toFixed(1)} KB`)
        .join(', ')}`,
    )
    expect(total).toBeLessThanOrEqual(LIMIT_BYTES)
  })
})

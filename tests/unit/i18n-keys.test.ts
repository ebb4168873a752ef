/**
 * The two languages stay complete: every key of the German dictionary is in the English one and
 * the other way round (plural entries with the forms Intl.PluralRules asks for in each
 * language), with the same placeholders; and every error code the server can answer with, every
 * card refusal and every close reason of the sync socket has words in both.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { de } from '../../client/src/i18n/de.ts'
import { en } from '../../client/src/i18n/en.ts'
import {
  CLIENT_ERROR_CODES,
  PLACEMENT_REFUSALS,
  SERVER_ERROR_CODES,
  VOTE_ERROR_CODES,
} from '../../shared/api/errors.ts'
import { CLOSE } from '../../shared/protocol/close-codes.ts'

type Tree = { [key: string]: string | Tree }
const PLURAL_FORMS = new Set(['zero', 'one', 'two', 'few', 'many', 'other'])
const TAGS = { de: 'de-DE', en: 'en-GB' } as const

const isPlural = (node: Tree) =>
  'other' in node &&
  Object.keys(node).every((k) => PLURAL_FORMS.has(k)) &&
  Object.values(node).every((v) => typeof v === 'string')

/** Every key path: a plural entry is one path (its forms are checked per language below). */
function paths(tree: Tree, prefix = ''): Map<string, string | Tree> {
  const out = new Map<string, string | Tree>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string' || isPlural(value)) out.set(path, value)
    else for (const [p, v] of paths(value, path)) out.set(p, v)
  }
  return out
}

const placeholders = (value: string | Tree): string[] =>
  [...new Set([...JSON.stringify(value).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? ''))].sort()

const dicts = { de: de as unknown as Tree, en: en as unknown as Tree }
const flat = { de: paths(dicts.de), en: paths(dicts.en) }

describe('the German and English dictionaries', () => {
  it('have the same keys', () => {
    const onlyDe = [...flat.de.keys()].filter((k) => !flat.en.has(k))
    const onlyEn = [...flat.en.keys()].filter((k) => !flat.de.has(k))
    expect({ onlyDe, onlyEn }).toEqual({ onlyDe: [], onlyEn: [] })
    expect(flat.de.size).toBeGreaterThan(300)
  })

  it('have words for every key, and a plural entry in one language is one in the other', () => {
    for (const lang of ['de', 'en'] as const) {
      for (const [key, value] of flat[lang]) {
        const other = flat[lang === 'de' ? 'en' : 'de'].get(key)
        expect(typeof value, `${lang} ${key}`).toBe(typeof other)
        const texts = typeof value === 'string' ? [value] : Object.values(value)
        for (const text of texts) expect(String(text).trim(), `${lang} ${key}`).not.toBe('')
      }
    }
  })

  it('have every plural form each language needs', () => {
    let plurals = 0
    for (const lang of ['de', 'en'] as const) {
      const needed = new Intl.PluralRules(TAGS[lang]).resolvedOptions().pluralCategories
      for (const [key, value] of flat[lang]) {
        if (typeof value === 'string') continue
        plurals++
        for (const form of needed) expect(value[form], `${lang} ${key}.${form}`).toBeTypeOf('string')
      }
    }
    expect(plurals).toBeGreaterThanOrEqual(10)
  })

  it('use the same placeholders in both languages', () => {
    for (const [key, value] of flat.de) {
      expect(placeholders(flat.en.get(key) ?? ''), key).toEqual(placeholders(value))
    }
  })
})

describe('server messages the UI shows', () => {
  const words = (lang: 'de' | 'en', branch: string, key: string) => {
    const node = dicts[lang][branch]
    return typeof node === 'object' ? node[key] : undefined
  }

  it('every error code of the server and the client has words in both languages', () => {
    for (const code of [...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES]) {
      for (const lang of ['de', 'en'] as const) {
        expect(words(lang, 'errors', code), `${lang} errors.${code}`).toBeTypeOf('string')
      }
    }
    for (const code of VOTE_ERROR_CODES) {
      for (const lang of ['de', 'en'] as const) {
        expect(words(lang, 'voteErrors', code), `${lang} voteErrors.${code}`).toBeTypeOf('string')
      }
    }
  })

  it('every card placement refusal and every close reason has words in both languages', () => {
    for (const lang of ['de', 'en'] as const) {
      for (const reason of PLACEMENT_REFUSALS) {
        expect(words(lang, 'refusals', reason), `${lang} refusals.${reason}`).toBeTypeOf('string')
      }
      for (const { reason } of Object.values(CLOSE)) {
        expect(words(lang, 'closeReasons', reason), `${lang} closeReasons.${reason}`).toBeTypeOf('string')
      }
    }
  })

  it('every code the server code throws is in the registry', () => {
    const files: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) walk(path)
        else if (path.endsWith('.ts')) files.push(path)
      }
    }
    walk(join(import.meta.dirname, '../../server'))
    const registry = new Set<string>(SERVER_ERROR_CODES)
    const thrown = new Set<string>()
    for (const file of files) {
      const source = readFileSync(file, 'utf8')
      // new HttpError(409, 'code', …), badRequest('…', 'code'), errorBody('code', …), { status, code: 'code', … }
      for (const m of source.matchAll(/HttpError\(\s*\d+,\s*'([a-z-]+)'/g)) thrown.add(m[1] ?? '')
      for (const m of source.matchAll(/badRequest\([^()]*?,\s*'([a-z-]+)'\)/g)) thrown.add(m[1] ?? '')
      for (const m of source.matchAll(/errorBody\(\s*'([a-z-]+)'/g)) thrown.add(m[1] ?? '')
      for (const m of source.matchAll(/\bstatus: \d+,\s*code: '([a-z-]+)'/g)) thrown.add(m[1] ?? '')
    }
    expect(thrown.size).toBeGreaterThan(20)
    expect([...thrown].filter((code) => !registry.has(code))).toEqual([])
  })
})

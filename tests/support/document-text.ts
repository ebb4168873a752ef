/**
 * Reads exported documents back as text for tests: PDFs with Debian's poppler-utils
 * (pdftotext, pdffonts, pdfinfo; tests/support/ensure-chromium.mjs installs them), DOCX by
 * unzipping (fflate, which the docx package brings) and reading word/document.xml.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'

function withFile<T>(bytes: Buffer, run: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-doc-'))
  const file = path.join(dir, 'doc.pdf')
  fs.writeFileSync(file, bytes)
  try {
    return run(file)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const tool = (name: string, args: string[]) => execFileSync(name, args, { encoding: 'utf8' })

export const pdfText = (pdf: Buffer) => withFile(pdf, (f) => tool('pdftotext', ['-enc', 'UTF-8', f, '-']))
export const pdfInfo = (pdf: Buffer) => withFile(pdf, (f) => tool('pdfinfo', [f]))
export const pdfMeta = (pdf: Buffer) => withFile(pdf, (f) => tool('pdfinfo', ['-meta', f]))
export const pdfStruct = (pdf: Buffer) => withFile(pdf, (f) => tool('pdfinfo', ['-struct', f]))

/** pdffonts' table: one row per font with its name, type, and whether it is embedded. */
export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  const lines = withFile(pdf, (f) => tool('pdffonts', [f]))
    .split('\n')
    .slice(2)
    .filter(Boolean)
  // name type encoding emb sub uni object ID: "emb" is the 4th column from the right of the id.
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/)
    return { name: cols[0] ?? '', embedded: cols[cols.length - 5] === 'yes' }
  })
}

const XML_ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&apos;': "'",
}
const unescapeXml = (s: string) => s.replace(/&(lt|gt|amp|quot|apos);/g, (e) => XML_ENTITIES[e] ?? e)

export function docxFiles(docx: Buffer): Record<string, string> {
  const files = unzipSync(new Uint8Array(docx))
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]))
}

/** The text of word/document.xml, one line per paragraph, line breaks as \n. */
export function docxText(docx: Buffer): string {
  const xml = docxFiles(docx)['word/document.xml'] ?? ''
  return xml
    .split('</w:p>')
    .map((p) =>
      [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
        .map((m) => (m[0] === '<w:br/>' ? '\n' : unescapeXml(m[1] ?? '')))
        .join(''),
    )
    .join('\n')
}

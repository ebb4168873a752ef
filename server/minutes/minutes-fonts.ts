/**
 * The fonts embedded in the PDF/A minutes (DejaVu Sans from the dejavu-fonts-ttf package), and
 * which characters they can draw: PDF/A forbids the .notdef glyph, so text is checked first.
 */
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')

export const FONT_REGULAR = path.join(dir, 'DejaVuSans.ttf')
export const FONT_BOLD = path.join(dir, 'DejaVuSans-Bold.ttf')

interface GlyphSource {
  hasGlyphForCodePoint(codePoint: number): boolean
}
// fontkit is pdfkit's own font engine (installed with it, without type declarations).
const fontkit = require('fontkit') as { openSync(file: string): GlyphSource }
let regular: GlyphSource | null = null
let bold: GlyphSource | null = null

function fonts(): [GlyphSource, GlyphSource] {
  regular ??= fontkit.openSync(FONT_REGULAR)
  bold ??= fontkit.openSync(FONT_BOLD)
  return [regular, bold]
}

/**
 * Text both fonts can draw: control characters (other than line breaks and tabs) dropped, and a
 * character neither font has (many emoji) written as its code point, „[U+1F389]“, so the record
 * still says what stood there instead of printing an empty box.
 */
export function drawableText(text: string): string {
  const [r, b] = fonts()
  let out = ''
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 0
    if (ch === '\n' || ch === '\t') out += ch
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue
    else if (cp === 0xfe0f || cp === 0xfe0e || cp === 0x200d) continue
    else if (r.hasGlyphForCodePoint(cp) && b.hasGlyphForCodePoint(cp)) out += ch
    else out += `[U+${cp.toString(16).toUpperCase().padStart(4, '0')}]`
  }
  return out
}

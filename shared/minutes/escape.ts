/** Escaping of user strings for the two text export formats. */
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch)
}

/**
 * Makes user text inert in Markdown: every character that could start markup is
 * backslash-escaped, and HTML is escaped too because many Markdown renderers pass it through.
 */
export function escapeMarkdown(value: string): string {
  return escapeHtml(value)
    .replace(/([\\`*_{}[\]()#+\-.!|~])/g, '\\$1')
    .replace(/\r?\n/g, '  \n')
}

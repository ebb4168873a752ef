/** Card texts that try to become active in an export: each must come out as literal text. */
export const HOSTILE_TEXTS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned=2">',
  '"><svg onload=window.__pwned=3>',
  '<a href="javascript:window.__pwned=4">klick</a>',
  '[Link](javascript:alert(1)) und ![Bild](http://evil.example/x.png)',
  '# Überschrift *fett* `code` <b>html</b>',
  '=HYPERLINK("http://evil.example","Klick")',
  '+SUM(1;2) -cmd|calc @A1',
  'مرحبا بالعالم שלום עולם',
  'Emoji 😀 ☀ und 🎉 dazu',
  'Zeilen\nUmbruch & „Anführung“ – Strich',
] as const

/**
 * What the board benchmark runs inside the page, installed before any page script (plain
 * JavaScript: it is injected as it is). `window.__bench` records when the first card is painted,
 * the timestamps of animation frames while recording, and for each keystroke the time from keydown
 * to the next paint; its functions find where to point the mouse.
 */
;(() => {
  const bench = {
    firstCard: null,
    frames: null,
    keys: [],
    startFrames() {
      const frames = []
      bench.frames = frames
      const tick = (t) => {
        if (bench.frames !== frames) return
        frames.push(t)
        requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    },
    /** The intervals between frames since startFrames. */
    stopFrames() {
      const frames = bench.frames ?? []
      bench.frames = null
      return frames.slice(1).map((t, i) => t - frames[i])
    },
    /** A point on the canvas background (where a drag pans) near the middle of the canvas. */
    backgroundPoint() {
      const canvas = document.querySelector('.canvas')
      if (!canvas) return null
      const r = canvas.getBoundingClientRect()
      for (let ring = 0; ring < 60; ring++) {
        for (let k = 0; k < 24; k++) {
          const x = r.left + r.width / 2 + Math.cos((k / 24) * 2 * Math.PI) * ring * 6
          const y = r.top + r.height / 2 + Math.sin((k / 24) * 2 * Math.PI) * ring * 6
          const el = document.elementFromPoint(x, y)
          if (el && (el === canvas || el.matches('.canvas-layer, .frame'))) return { x, y }
        }
      }
      return null
    },
    /** A point on the text of a movable card near the middle of the canvas (a drag moves it). */
    cardPoint() {
      const canvas = document.querySelector('.canvas')
      if (!canvas) return null
      const r = canvas.getBoundingClientRect()
      let best = null
      for (const card of document.querySelectorAll('.canvas .card.movable')) {
        const c = card.querySelector('.card-text')?.getBoundingClientRect()
        if (!c || c.width === 0) continue
        const x = c.left + Math.min(20, c.width / 2)
        const y = c.top + Math.min(6, c.height / 2)
        if (x < r.left || y < r.top || x > r.right || y > r.bottom) continue
        if (document.elementFromPoint(x, y)?.closest('.card') !== card) continue
        const d = Math.hypot(x - (r.left + r.width / 2), y - (r.top + r.height / 2))
        if (!best || d < best.d) best = { x, y, d }
      }
      return best
    },
  }
  window.__bench = bench
  const observer = new MutationObserver(() => {
    if (bench.firstCard !== null || !document.querySelector('.canvas .card')) return
    bench.firstCard = -1
    observer.disconnect()
    // The frame with the card is painted by the time a task queued in its rAF callbacks runs.
    requestAnimationFrame(() => setTimeout(() => (bench.firstCard = performance.now())))
  })
  observer.observe(document, { childList: true, subtree: true })
  document.addEventListener(
    'keydown',
    (event) => {
      const start = event.timeStamp
      requestAnimationFrame(() => setTimeout(() => bench.keys.push(performance.now() - start)))
    },
    true,
  )
})()

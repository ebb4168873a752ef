/**
 * Clustering on a small set (server/clusters): average link cut at a threshold, suggestions
 * with the words that tie their cards together and a readable title, and the quality measures
 * the bench reports (bench/cluster-metrics.ts). Also the frame a suggestion becomes
 * (shared/board/frame-placement.ts).
 */
import { describe, expect, it } from 'vitest'
import { adjustedRandIndex, labelsOf, purity } from '../../bench/cluster-metrics.ts'
import { averageLink } from '../../server/clusters/average-link.ts'
import { suggestClusters } from '../../server/clusters/suggest.ts'
import { frameLayout, placeFrame } from '../../shared/board/frame-placement.ts'
import { type Frame, frameOf } from '../../shared/board/frames.ts'

const CARDS = [
  { id: 'r1', text: 'Sichere Radwege zur Schule' },
  { id: 'r2', text: 'Der Radweg an der Hauptstraße endet im Nichts' },
  { id: 'r3', text: 'Radwegeausbau in der Altstadt' },
  { id: 'r4', text: 'Fahradweg voller Schlaglöcher, Radweg sanieren' },
  { id: 'b1', text: 'Der Bus fährt abends nicht mehr' },
  { id: 'b2', text: 'Busse am Wochenende öfter' },
  { id: 'b3', text: 'Bus-Haltestelle mit Dach' },
  { id: 'm1', text: 'Mülleimer quellen über' },
  { id: 'm2', text: 'Mülleimer im Park leeren' },
  { id: 'm3', text: 'Mehr Mülleimer am See' },
  { id: 'x1', text: 'Kulturzentrum in der alten Fabrik' },
]

describe('average link', () => {
  it('merges while the average similarity stays above the threshold', () => {
    // Two tight pairs, weakly linked to each other.
    const s = [
      [1, 0.9, 0.1, 0.1],
      [0.9, 1, 0.1, 0.3],
      [0.1, 0.1, 1, 0.8],
      [0.1, 0.3, 0.8, 1],
    ]
    const labels = averageLink(new Float32Array(s.flat()), 4, 0.5)
    expect(labels[0]).toBe(labels[1])
    expect(labels[2]).toBe(labels[3])
    expect(labels[0]).not.toBe(labels[2])
    // Average of the cross pairs is 0.15: a threshold below that joins everything.
    expect(new Set(averageLink(new Float32Array(s.flat()), 4, 0.1)).size).toBe(1)
    expect(new Set(averageLink(new Float32Array(s.flat()), 4, 0.95)).size).toBe(4)
  })
})

describe('suggestions', () => {
  const suggestions = suggestClusters(CARDS)
  const byCard = (id: string) => suggestions.find((s) => s.cardIds.includes(id))

  it('groups the cards of one theme, typos and compounds included', () => {
    expect(byCard('r1')?.cardIds.sort()).toEqual(['r1', 'r2', 'r3', 'r4'])
    expect(byCard('b1')?.cardIds.sort()).toEqual(['b1', 'b2', 'b3'])
    expect(byCard('m1')?.cardIds.sort()).toEqual(['m1', 'm2', 'm3'])
    // A card that shares nothing is in no suggestion.
    expect(byCard('x1')).toBeUndefined()
    const all = suggestions.flatMap((s) => s.cardIds)
    expect(new Set(all).size).toBe(all.length)
  })

  it('names each suggestion by the words its cards share, as people wrote them', () => {
    expect(byCard('r1')?.words[0]).toBe('Radweg')
    expect(byCard('r1')?.title.startsWith('Radweg')).toBe(true)
    expect(byCard('m1')?.words).toContain('Mülleimer')
    expect(byCard('b1')?.words[0]).toBe('Bus')
  })

  it('always names what ties a suggestion together, also when no word is on two cards', () => {
    const cards = [
      { id: 'a', text: 'Bus am Sonntag' },
      { id: 'b', text: 'Busverbindung nach Neustadt' },
      { id: 'c', text: 'Busse öfter' },
      { id: 'd', text: 'Mehr Bänke im Park' },
    ]
    for (const suggestion of suggestClusters(cards)) expect(suggestion.words.length).toBeGreaterThan(0)
    for (const suggestion of suggestions) expect(suggestion.words.length).toBeGreaterThan(0)
  })

  it('answers nothing for no cards and is the same on every run', () => {
    expect(suggestClusters([])).toEqual([])
    expect(suggestClusters(CARDS)).toEqual(suggestions)
  })
})

describe('quality measures', () => {
  it('adjusted Rand index: 1 for the same partition, about 0 or below for an unrelated one', () => {
    const truth = ['a', 'a', 'b', 'b', 'c', 'c']
    expect(adjustedRandIndex([1, 1, 2, 2, 3, 3], truth)).toBeCloseTo(1)
    expect(adjustedRandIndex([1, 2, 3, 1, 2, 3], truth)).toBeLessThan(0.01)
    // Worked example: {0,1,2} {3,4,5} against a a b b c c gives ARI 0.2424…
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], truth)).toBeCloseTo(0.2424, 3)
  })

  it('purity counts the majority theme of each cluster; loners count as their own', () => {
    const truth = ['a', 'a', 'b', 'b', 'c']
    expect(purity([[0, 1, 2], [3]], truth)).toBeCloseTo(2 / 3)
    expect(labelsOf([[0, 1]], 3)).toEqual([0, 0, -3])
  })
})

describe('the frame of an accepted suggestion', () => {
  it('holds all its cards, and lands where it overlaps no frame and no card', () => {
    const frames: Frame[] = [
      { id: 'f1', title: 'A', x: 0, y: 0, w: 440, h: 320 },
      { id: 'f2', title: 'B', x: 480, y: 0, w: 440, h: 320 },
    ]
    const staying = [{ x: 1000, y: 0 }]
    const layout = frameLayout(7)
    const spot = placeFrame(layout, frames, staying)
    const frame: Frame = { id: 'new', title: 'C', ...spot, w: layout.w, h: layout.h }
    for (const f of frames) {
      const apart =
        frame.x >= f.x + f.w || f.x >= frame.x + frame.w || frame.y >= f.y + f.h || f.y >= frame.y + frame.h
      expect(apart).toBe(true)
    }
    const card = staying[0] as { x: number; y: number }
    expect(card.x >= frame.x + frame.w || card.x + 180 <= frame.x || card.y >= frame.y + frame.h).toBe(true)
    expect(layout.slots).toHaveLength(7)
    for (const slot of layout.slots) {
      const placed = { x: frame.x + slot.dx, y: frame.y + slot.dy }
      expect(frameOf(placed, [...frames, frame])?.id).toBe('new')
      // The whole card lies inside.
      expect(placed.x + 180).toBeLessThanOrEqual(frame.x + frame.w)
      expect(placed.y + 120).toBeLessThanOrEqual(frame.y + frame.h)
    }
  })

  it('starts at the origin of an empty board', () => {
    expect(placeFrame(frameLayout(3), [], [])).toEqual({ x: 0, y: 0 })
  })
})

/**
 * Measures (Maßnahmen): in the implementation phase, top cards become measures with an owner,
 * a department and a due date. Facilitators write them on the board; the minutes list them.
 */
import * as Y from 'yjs'

export const ROOT_MEASURES = 'measures'

export interface Measure {
  id: string
  title: string
  /** The card the measure came from, if any. */
  cardId: string | null
  owner: string
  department: string
  /** ISO date, YYYY-MM-DD, or empty. */
  due: string
  createdAt: number
}

export function measuresOf(board: Y.Doc): Y.Map<Y.Map<unknown>> {
  return board.getMap<Y.Map<unknown>>(ROOT_MEASURES)
}

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '')

export function readMeasures(board: Y.Doc): Measure[] {
  const list: Measure[] = []
  measuresOf(board).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return
    const due = text(map.get('due'), 10)
    const cardId = map.get('cardId')
    const createdAt = map.get('createdAt')
    list.push({
      id,
      title: text(map.get('title'), 300),
      cardId: typeof cardId === 'string' ? cardId : null,
      owner: text(map.get('owner'), 120),
      department: text(map.get('department'), 120),
      due: /^\d{4}-\d{2}-\d{2}$/.test(due) ? due : '',
      createdAt: typeof createdAt === 'number' ? createdAt : 0,
    })
  })
  return list.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
}

export function setMeasure(board: Y.Doc, measure: Omit<Measure, 'createdAt'>, now = Date.now()): void {
  board.transact(() => {
    const existing = measuresOf(board).get(measure.id)
    const map = existing ?? new Y.Map<unknown>()
    if (!existing) {
      map.set('createdAt', now)
      measuresOf(board).set(measure.id, map)
    }
    map.set('title', measure.title.slice(0, 300))
    map.set('cardId', measure.cardId)
    map.set('owner', measure.owner.slice(0, 120))
    map.set('department', measure.department.slice(0, 120))
    map.set('due', measure.due)
  })
}

export function deleteMeasure(board: Y.Doc, id: string): void {
  measuresOf(board).delete(id)
}

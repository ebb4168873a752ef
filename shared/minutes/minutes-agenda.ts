/**
 * The agenda as it actually ran, derived from the snapshots that exist today: every phase change
 * stores a snapshot labelled with the ending phase (its `phase` field), so a phase ran from the
 * previous change to its own snapshot. The first phase began when the workshop was created from
 * a template (which applies it at once), or at the change out of "no phase", whose snapshot has
 * no phase and is labelled "Vor <next phase>" by the phase service.
 */

/** One stored snapshot, as far as the agenda needs it. */
export interface PhaseMark {
  id: string
  /** The phase this snapshot ended (phase changes only). */
  phase: string | null
  label: string
  at: number
}

export interface AgendaPeriod {
  phaseId: string
  /** Null when the start is not recorded. */
  start: number | null
  /** Null while the phase was still running when the minutes' snapshot was taken. */
  end: number | null
}

export interface AgendaInput {
  /** Snapshots up to and including the minutes' own, in any order. */
  marks: PhaseMark[]
  /** The snapshot the minutes are rendered from. */
  snapshotId: string
  /** The phase the board was in at that snapshot. */
  currentPhase: string | null
  /** When a template applied the first phase (the workshop's creation), or null. */
  firstStart: number | null
  /** Names of the script's phases, to recognise "Vor <name>". */
  phaseNames: string[]
}

export function agendaPeriods(input: AgendaInput): AgendaPeriod[] {
  const marks = [...input.marks].sort((a, b) => a.at - b.at)
  const periods: AgendaPeriod[] = []
  let start = input.firstStart
  let closedBySnapshot = false
  for (const mark of marks) {
    if (mark.phase !== null) {
      periods.push({ phaseId: mark.phase, start, end: mark.at })
      start = mark.at
      if (mark.id === input.snapshotId) closedBySnapshot = true
    } else if (input.phaseNames.some((name) => mark.label === `Vor ${name}`)) {
      start = mark.at
    }
  }
  if (input.currentPhase !== null && !closedBySnapshot) {
    periods.push({ phaseId: input.currentPhase, start, end: null })
  }
  return periods
}

/** The phase whose period holds a moment: after its start, up to and including its end. */
export function phaseAt(periods: AgendaPeriod[], at: number): string | null {
  for (const p of periods) {
    const afterStart = p.start === null || at > p.start
    const beforeEnd = p.end === null || at <= p.end
    if (afterStart && beforeEnd) return p.phaseId
  }
  return null
}

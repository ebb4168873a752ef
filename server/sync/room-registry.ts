/**
 * Loaded rooms by name, counted by reference. A room is loaded (async, from the room store and
 * the writer's queue) on first use and leaves memory (compacted) a while after its last
 * reference goes; two uses that ask at once share one load. A room that failed is discarded
 * without compaction; the next use loads it again from what is on disk.
 */
import type { ServerStatus } from '../../shared/protocol/server-status.ts'
import type { Logger } from '../logger.ts'
import { Room, type RoomHooks } from './room.ts'
import type { LoadedRoom } from './room-rows.ts'
import type { RoomStore } from './room-store.ts'
import type { UpdateWriter } from './update-writer.ts'

interface Entry {
  room: Room
  refs: number
  idleTimer: NodeJS.Timeout | null
  cleanup: (() => void) | null
}

/** Runs once when a room is loaded; the function it returns runs when the room unloads. */
export type RoomSetup = (room: Room) => () => void

export class RoomRegistry {
  private readonly entries = new Map<string, Entry>()
  private readonly loading = new Map<string, Promise<void>>()
  /** Counts `invalidate` calls: a load that read while rows were rewritten reads again. */
  private generation = 0
  /** Rooms nobody may load now (their stored rows are being rewritten), until `done` settles. */
  private readonly paused: { match: (name: string) => boolean; done: Promise<void> }[] = []
  private status: ServerStatus | null = null

  constructor(
    private readonly store: RoomStore,
    private readonly writer: UpdateWriter,
    private readonly logger: Logger,
    private readonly idleUnloadMs: number,
    private readonly roomHooks: RoomHooks = {},
  ) {}

  get serverStatus(): ServerStatus | null {
    return this.status
  }

  /** The server's storage warning, announced in every loaded room and each one loaded later. */
  setServerStatus(status: ServerStatus | null): void {
    this.status = status
    for (const entry of this.entries.values()) entry.room.setServerStatus(status)
  }

  get size(): number {
    return this.entries.size
  }

  get(name: string): Room | undefined {
    return this.entries.get(name)?.room
  }

  all(): Room[] {
    return [...this.entries.values()].map((e) => e.room)
  }

  /** A reference to the room, loading it if needed (`setup` runs when this call loads it). */
  async acquire(name: string, setup?: RoomSetup): Promise<Room> {
    // A room loaded by another call may be discarded again before this one resumes: loop.
    for (;;) {
      const pause = this.paused.find((p) => p.match(name))
      if (pause) {
        await pause.done
        continue
      }
      const entry = this.entries.get(name)
      if (entry) return this.take(entry)
      await this.load(name, setup)
    }
  }

  /** Another reference to a room that is loaded (a desk's hold on its board); throws if it is not. */
  hold(name: string): Room {
    const entry = this.entries.get(name)
    if (!entry) throw new Error(`room ${name} is not loaded`)
    return this.take(entry)
  }

  private take(entry: Entry): Room {
    if (entry.idleTimer) {
      clearTimeout(entry.idleTimer)
      entry.idleTimer = null
    }
    entry.refs += 1
    return entry.room
  }

  private load(name: string, setup?: RoomSetup): Promise<void> {
    let loading = this.loading.get(name)
    if (!loading) {
      loading = this.loadNow(name, setup).finally(() => this.loading.delete(name))
      this.loading.set(name, loading)
    }
    return loading
  }

  private async loadNow(name: string, setup?: RoomSetup): Promise<void> {
    const started = performance.now()
    let loaded: LoadedRoom
    for (;;) {
      const generation = this.generation
      // Before the rows are read: what commits meanwhile is then in one or the other (or both).
      const pending = this.writer.pending(name)
      loaded = await this.store.load(name, pending, true)
      if (generation === this.generation) break
      loaded.doc.destroy()
    }
    if (this.entries.has(name)) {
      loaded.doc.destroy()
      return
    }
    const room = new Room(name, loaded, this.writer, this.logger, this.roomHooks)
    if (this.status) room.setServerStatus(this.status)
    const entry: Entry = { room, refs: 0, idleTimer: null, cleanup: null }
    this.entries.set(name, entry)
    try {
      entry.cleanup = setup ? setup(room) : null
    } catch (err) {
      this.unload(name)
      throw err
    }
    // Unused until a caller takes it (the one that asked resumes in a moment).
    entry.idleTimer = setTimeout(() => this.unload(name), this.idleUnloadMs)
    entry.idleTimer.unref()
    this.logger.debug({ room: name, ms: Math.round(performance.now() - started) }, 'room loaded')
  }

  /**
   * Holds back every load of the rooms `match` names until the returned function is called: a
   * use that comes meanwhile (an HTTP change to the board) waits and then reads what the rewrite
   * left, instead of changing a room the rewrite is about to replace.
   */
  pause(match: (name: string) => boolean): () => void {
    let resume = () => {}
    const done = new Promise<void>((resolve) => {
      resume = resolve
    })
    const pause = { match, done }
    this.paused.push(pause)
    return () => {
      const at = this.paused.indexOf(pause)
      if (at >= 0) this.paused.splice(at, 1)
      resume()
    }
  }

  release(room: Room): void {
    const entry = this.entries.get(room.name)
    if (!entry || entry.room !== room) return
    entry.refs -= 1
    if (entry.refs > 0) return
    entry.idleTimer = setTimeout(() => this.unload(room.name), this.idleUnloadMs)
    entry.idleTimer.unref()
  }

  /**
   * Forgets a failed room at once, whoever still holds it: it is destroyed without storing its
   * state, and the next `acquire` loads the room from disk and the writer's queue.
   */
  discard(room: Room): void {
    if (this.entries.get(room.name)?.room === room) this.unload(room.name)
  }

  /**
   * The stored rows of these rooms were rewritten behind the registry's back (retention, a
   * deletion): loaded ones are discarded without storing their state, and loads under way read
   * again.
   */
  invalidate(matches: (name: string) => boolean): void {
    this.generation++
    for (const entry of [...this.entries.values()]) if (matches(entry.room.name)) this.discard(entry.room)
  }

  /** Unloads every room now (shutdown). */
  unloadAll(): void {
    for (const name of [...this.entries.keys()]) this.unload(name)
  }

  private unload(name: string): void {
    const entry = this.entries.get(name)
    if (!entry) return
    if (entry.idleTimer) clearTimeout(entry.idleTimer)
    this.entries.delete(name)
    entry.cleanup?.()
    entry.room.destroy()
    this.logger.debug({ room: name }, 'room unloaded')
  }
}

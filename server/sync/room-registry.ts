/**
 * Loaded rooms by name, counted by reference. A room is loaded from SQLite on first use and
 * leaves memory (compacted) a while after its last reference goes. A room that failed is
 * discarded without compaction; the next use loads it again from what is on disk.
 */
import type { ServerStatus } from '../../shared/protocol/server-status.ts'
import type { Logger } from '../logger.ts'
import { Room, type RoomHooks } from './room.ts'
import type { RoomStore } from './room-store.ts'
import type { UpdateWriter } from './update-writer.ts'

interface Entry {
  room: Room
  refs: number
  idleTimer: NodeJS.Timeout | null
  cleanup: (() => void) | null
}

export class RoomRegistry {
  private readonly entries = new Map<string, Entry>()
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

  /**
   * A reference to the room, loading it if needed. `setup` runs once when the room is
   * loaded; the function it returns runs when the room unloads.
   */
  acquire(name: string, setup?: (room: Room) => () => void): Room {
    let entry = this.entries.get(name)
    if (!entry) {
      const started = performance.now()
      const loaded = this.store.load(name, this.writer.pending(name), true)
      const room = new Room(name, loaded, this.writer, this.logger, this.roomHooks)
      if (this.status) room.setServerStatus(this.status)
      entry = { room, refs: 0, idleTimer: null, cleanup: null }
      this.entries.set(name, entry)
      entry.cleanup = setup ? setup(room) : null
      this.logger.debug({ room: name, ms: Math.round(performance.now() - started) }, 'room loaded')
    }
    if (entry.idleTimer) {
      clearTimeout(entry.idleTimer)
      entry.idleTimer = null
    }
    entry.refs += 1
    return entry.room
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

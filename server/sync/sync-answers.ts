/**
 * A room's answers to sync step 1 (step 2 frames), kept until the room changes. Every joiner
 * sends the same empty state vector, and after a restart every peer that was up to date sends
 * the same one: each distinct state vector is encoded once, however many ask. Encoding walks
 * the whole document even for a peer that lacks nothing (the delete set), see bench/step1-answer.ts.
 */

/** Answers kept per room, and their bytes in all; the oldest goes first. */
export const MAX_ANSWERS = 16
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024

function keyOf(stateVector: Uint8Array): string {
  return Buffer.from(stateVector.buffer, stateVector.byteOffset, stateVector.byteLength).toString('base64')
}

export class SyncAnswers {
  private readonly answers = new Map<string, Uint8Array>()
  private bytes = 0

  /** The answer for `stateVector`, from the cache or made by `encode` (and kept if it fits). */
  answer(stateVector: Uint8Array, encode: () => Uint8Array): Uint8Array {
    const key = keyOf(stateVector)
    const kept = this.answers.get(key)
    if (kept) return kept
    const frame = encode()
    if (frame.length > MAX_ANSWER_BYTES) return frame
    while (this.answers.size >= MAX_ANSWERS || this.bytes + frame.length > MAX_ANSWER_BYTES) {
      const oldest = this.answers.entries().next().value
      if (!oldest) break
      this.answers.delete(oldest[0])
      this.bytes -= oldest[1].length
    }
    this.answers.set(key, frame)
    this.bytes += frame.length
    return frame
  }

  /** The room changed: every kept answer is stale. */
  clear(): void {
    this.answers.clear()
    this.bytes = 0
  }

  get size(): number {
    return this.answers.size
  }
}

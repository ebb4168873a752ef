/**
 * Each participant's share of the sync service, across its tabs and its board and desk: how
 * many sockets it holds (waiting for admission or open), and one message budget all of them draw
 * on. Without it one guest token could open the whole workshop's connection cap (everyone else
 * then gets `4013`), and eight tabs would have eight times the budget of one.
 */
import { TokenBucket } from './token-bucket.ts'

export interface ParticipantLimits {
  /** Sockets one participant may hold at once; 0 for no cap. */
  maxConnections: number
  /** Messages a second across all of them (a burst of five times that); 0 for no shared budget. */
  messagesPerSecond: number
}

/** One participant's share; the sockets holding it keep it alive. */
export class ParticipantShare {
  held = 0
  /** The budget every connection of this participant also takes from; null for none. */
  readonly messages: TokenBucket | null

  constructor(
    readonly key: string,
    messagesPerSecond: number,
  ) {
    this.messages = messagesPerSecond > 0 ? new TokenBucket(messagesPerSecond, messagesPerSecond * 5) : null
  }
}

export class ParticipantSlots {
  private readonly shares = new Map<string, ParticipantShare>()

  constructor(private readonly limits: ParticipantLimits) {}

  /** A slot for one more socket of this participant, or null when it holds its maximum. */
  acquire(workshopId: string, participantId: string): ParticipantShare | null {
    const key = `${workshopId}/${participantId}`
    let share = this.shares.get(key)
    if (share && this.limits.maxConnections > 0 && share.held >= this.limits.maxConnections) return null
    if (!share) {
      share = new ParticipantShare(key, this.limits.messagesPerSecond)
      this.shares.set(key, share)
    }
    share.held += 1
    return share
  }

  /** Gives a socket's slot back; call once per `acquire`. */
  release(share: ParticipantShare): void {
    share.held -= 1
    if (share.held <= 0 && this.shares.get(share.key) === share) this.shares.delete(share.key)
  }

  held(workshopId: string, participantId: string): number {
    return this.shares.get(`${workshopId}/${participantId}`)?.held ?? 0
  }
}

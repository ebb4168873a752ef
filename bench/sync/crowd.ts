/** The parent's handle on raw-crowd.ts: starts it as a child process and asks it over IPC. */
import { type ChildProcess, fork } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CrowdCommand, CrowdReply } from './raw-crowd.ts'
import type { RunningPeer } from './servers.ts'

const here = path.dirname(fileURLToPath(import.meta.url))

export class Crowd {
  private readonly child: ChildProcess

  private constructor() {
    this.child = fork(path.join(here, 'raw-crowd.ts'), [], { execArgv: ['--import', 'tsx'], cwd: here })
  }

  /**
   * Opens one raw socket per entry of `rooms` (a room repeated N times gets N sockets); with
   * `params`, socket i uses params[i] (its own participant's token); with `peers`, socket i
   * talks to peers[i] (a room spread over several nodes).
   */
  static async open(
    peer: RunningPeer,
    rooms: string[],
    options: {
      params?: Record<string, string>[]
      peers?: RunningPeer[]
      echo?: boolean
      sample?: number
    } = {},
  ): Promise<Crowd> {
    const crowd = new Crowd()
    const address = (p: RunningPeer) => ({ kind: p.kind, wsUrl: p.wsUrl, params: p.params })
    await crowd.ask({
      cmd: 'open',
      peer: address(peer),
      rooms,
      ...(options.params ? { params: options.params } : {}),
      ...(options.peers ? { peers: options.peers.map(address) } : {}),
      ...(options.echo ? { echo: true } : {}),
      ...(options.sample ? { sample: options.sample } : {}),
    })
    return crowd
  }

  count(): Promise<Extract<CrowdReply, { reply: 'count' }>> {
    return this.ask({ cmd: 'count' }) as Promise<Extract<CrowdReply, { reply: 'count' }>>
  }

  cursors(hz: number): void {
    this.child.send({ cmd: 'cursors', hz } satisfies CrowdCommand)
  }

  /** Sockets [0, movers) move a cursor at `hz`; the rest state a static presence, renewed. */
  presence(movers: number, hz: number, renewMs: number): void {
    this.child.send({ cmd: 'presence', movers, hz, renewMs } satisfies CrowdCommand)
  }

  stopCursors(): void {
    this.child.send({ cmd: 'stop-cursors' } satisfies CrowdCommand)
  }

  async close(): Promise<void> {
    const exited = new Promise((r) => this.child.once('exit', r))
    this.child.send({ cmd: 'close' } satisfies CrowdCommand)
    await exited
  }

  private ask(command: CrowdCommand): Promise<CrowdReply> {
    return new Promise((resolve, reject) => {
      this.child.once('message', (reply: CrowdReply) => resolve(reply))
      this.child.once('exit', (code) => reject(new Error(`raw crowd exited with ${code}`)))
      this.child.send(command)
    })
  }
}

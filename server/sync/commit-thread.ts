/**
 * The event loop's handle on the commit thread: sends a batch, resolves when it is on disk or
 * rejects with SQLite's error. One batch at a time is the caller's rule (see UpdateWriter).
 */
import { Worker } from 'node:worker_threads'
import type { CommitReply, CommitThreadData, StoreJob } from './commit-protocol.ts'

/**
 * From TypeScript sources (tests, tsx) the worker needs the loader registered by its boot file;
 * from the compiled tree (`npm start`) it is plain JavaScript beside this file.
 */
function workerUrl(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./commit-worker-boot.mjs', import.meta.url)
    : new URL('./commit-worker.js', import.meta.url)
}

export class CommitThread {
  private readonly worker: Worker
  private nextId = 1
  private readonly waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>()
  private exited = false

  constructor(data: CommitThreadData) {
    this.worker = new Worker(workerUrl(), { workerData: data })
    // The thread must not keep a finished process alive; shutdown waits for it explicitly.
    this.worker.unref()
    this.worker.on('message', (reply: CommitReply) => {
      const waiter = this.waiting.get(reply.id)
      if (!waiter) return
      this.waiting.delete(reply.id)
      if (reply.ok) waiter.resolve()
      else waiter.reject(new Error(reply.error))
    })
    const fail = (error: Error) => {
      this.exited = true
      for (const waiter of this.waiting.values()) waiter.reject(error)
      this.waiting.clear()
    }
    this.worker.on('error', fail)
    this.worker.on('exit', (code) => fail(new Error(`commit thread exited with code ${code}`)))
  }

  get running(): boolean {
    return !this.exited
  }

  commit(jobs: StoreJob[]): Promise<void> {
    if (this.exited) return Promise.reject(new Error('commit thread is not running'))
    const id = this.nextId++
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      this.worker.postMessage({ id, jobs })
    })
  }

  async close(): Promise<void> {
    if (this.exited) return
    await this.worker.terminate()
  }
}

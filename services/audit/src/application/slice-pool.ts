import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { getPolicy } from '@forewarn/policy';
import type { PolicyFor } from '../domain/decision-verifier';
import { SliceReader, type ReaderConnection, type SliceRange, type SliceResult } from './slice-reader';

/** One reader: a worker thread with its own connection, or a SliceReader in this thread. */
interface Lane {
  read(range: SliceRange): Promise<SliceResult>;
  close(): Promise<void>;
  busy: number;
}

type Reply = { id: number; ok: true; result?: SliceResult } | { id: number; ok: false; error: string };

function threadLane(script: string): { lane: Lane; opened: (connection: ReaderConnection, snapshot: string, decisions: boolean) => Promise<unknown> } {
  const worker = new Worker(script);
  const waiting = new Map<number, { resolve: (r: SliceResult | undefined) => void; reject: (e: Error) => void }>();
  let next = 0;
  // A dead worker fails the whole walk: a verifier must not report slices it never checked.
  const failAll = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`verify reader thread exited (${code})`)));
  worker.on('message', (m: Reply) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.ok) w?.resolve(m.result);
    else w?.reject(new Error(m.error));
  });
  const call = (msg: object) =>
    new Promise<SliceResult | undefined>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...msg, id });
    });
  const lane: Lane = {
    busy: 0,
    read: async (range) => {
      const result = await call({ kind: 'slice', range });
      if (!result) throw new Error('verify reader thread answered a slice without its result');
      return result;
    },
    close: async () => {
      await call({ kind: 'close' }).catch(() => undefined);
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
  return { lane, opened: (connection, snapshot, decisions) => call({ kind: 'open', connection, snapshot, decisions }) };
}

/**
 * Readers of one exported snapshot, each on its own connection: worker threads when the code
 * is compiled and the rules are getPolicy's (a substituted PolicyFor, a function, cannot cross
 * threads), else readers in this thread (under ts-jest, or for a what-if policy).
 */
export class SlicePool {
  private constructor(
    private readonly lanes: Lane[],
    readonly threaded: boolean,
  ) {}

  static async open(size: number, connection: ReaderConnection, snapshot: string, decisions: boolean, policyFor?: PolicyFor): Promise<SlicePool> {
    const script = join(__dirname, 'verify-worker.js');
    const threaded = size > 0 && !policyFor && existsSync(script);
    const lanes: Lane[] = [];
    const pool = new SlicePool(lanes, threaded);
    try {
      for (let i = 0; i < Math.max(1, size); i++) {
        if (threaded) {
          const { lane, opened } = threadLane(script);
          lanes.push(lane);
          await opened(connection, snapshot, decisions);
        } else {
          const reader = await SliceReader.open(connection, snapshot);
          lanes.push({ busy: 0, read: (range) => reader.read(range, decisions, policyFor ?? getPolicy), close: () => reader.close() });
        }
      }
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  get size(): number {
    return this.lanes.length;
  }

  /** Sent to the least busy reader, so a reader slowed by a noisy neighbour gets less. */
  read(range: SliceRange): Promise<SliceResult> {
    const lane = this.lanes.reduce((a, b) => (b.busy < a.busy ? b : a));
    lane.busy++;
    const result = lane.read(range);
    const done = () => void lane.busy--;
    result.then(done, done);
    return result;
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((l) => l.close().catch(() => undefined)));
  }
}

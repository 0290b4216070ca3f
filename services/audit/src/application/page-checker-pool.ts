import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChainRow } from '../domain/chain-checker';
import type { PolicyFor } from '../domain/decision-verifier';
import { checkPage, type PageCheck } from './page-check';

/**
 * Checks pages on worker threads when there are any (compiled code, getPolicy), else in this
 * thread. Results come back per page; the caller awaits them in page order.
 */
export class PageCheckerPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (r: PageCheck) => void; reject: (err: Error) => void }>();
  private next = 0;

  constructor(
    size: number,
    private readonly decisions: boolean,
    private readonly policyFor: PolicyFor | undefined,
  ) {
    // Workers run the compiled file; under ts-jest (no .js beside this file) everything stays in-thread.
    const script = join(__dirname, 'verify-worker.js');
    if (policyFor || !existsSync(script)) return;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script);
      worker.on('message', (r: PageCheck & { id: number }) => {
        this.waiting.get(r.id)?.resolve(r);
        this.waiting.delete(r.id);
      });
      // A dead worker fails the whole walk: a verifier must not report pages it never checked.
      worker.on('error', (err) => {
        for (const w of this.waiting.values()) w.reject(err);
        this.waiting.clear();
      });
      this.workers.push(worker);
    }
  }

  get threads(): number {
    return this.workers.length;
  }

  check(rows: ChainRow[], fallback: PolicyFor): Promise<PageCheck> {
    if (this.workers.length === 0) return Promise.resolve(checkPage(rows, this.decisions, this.policyFor ?? fallback));
    const id = this.next++;
    const worker = this.workers[id % this.workers.length];
    return new Promise<PageCheck>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ kind: 'page', id, rows, decisions: this.decisions });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

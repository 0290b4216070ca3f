import type { ChainChecker } from '../domain/chain-checker';
import type { PolicyFor } from '../domain/decision-verifier';
import { forEachLink } from './link-records';
import type { LogSource } from './log-source';
import { SlicePool } from './slice-pool';
import type { ReaderConnection, SliceRange, SliceResult } from './slice-reader';
import type { VerifyTally } from './verify-tally';

export interface SliceWalkOptions {
  readers: ReaderConnection;
  threads: number;
  decisions: boolean;
  policyFor?: PolicyFor;
  /** Rows per slice (at most); a slice's link records are what the main thread holds. */
  sliceRows?: number;
  onProgress?: (read: number, total: number) => void;
}

/**
 * The whole log in position order, read in slices by several readers at once (each on its own
 * connection in the snapshot exported from the source's transaction) and checked in order here:
 * every row goes through the one ChainChecker, exactly as the page walk feeds it, so gaps and
 * the first broken link come out the same. Slices are position windows (0, end] read ahead,
 * at most `2 x readers + 1` at a time, each capped at sliceRows rows; what a window holds
 * beyond the cap, and every row past `end`, is read on by keyset before the next window is
 * checked. Memory is O(sliceRows x readers), whatever the log's length.
 */
export async function walkSlices(source: LogSource, head: { position: number }, checker: ChainChecker, tally: VerifyTally, opts: SliceWalkOptions): Promise<void> {
  const rowsPerSlice = opts.sliceRows ?? 10_000;
  const snapshot = await source.exportSnapshot();
  // Windows end at the head or the last row, whichever is first (a forged position far beyond
  // either is reached by keyset, not by windows), within exact float range.
  const end = Math.max(0, Math.min(head.position, (await source.lastPosition()) ?? 0, Number.MAX_SAFE_INTEGER));
  const pool = await SlicePool.open(opts.threads, opts.readers, snapshot, opts.decisions, opts.policyFor);
  const ahead: { range: SliceRange; result: Promise<SliceResult> }[] = [];
  let width = rowsPerSlice;
  let after = 0;
  let openDispatched = false;
  const read = (range: SliceRange) => {
    const result = pool.read(range);
    result.catch(() => undefined); // surfaced when awaited, in order
    return result;
  };
  const dispatch = () => {
    while (ahead.length < 2 * pool.size + 1 && !openDispatched) {
      if (after < end) {
        const upTo = Math.min(after + width, end);
        const range = { after: String(after), upTo: String(upTo), limit: rowsPerSlice };
        ahead.push({ range, result: read(range) });
        after = upTo;
      } else {
        const range = { after: String(end), upTo: null, limit: rowsPerSlice };
        ahead.push({ range, result: read(range) });
        openDispatched = true;
      }
    }
  };
  const apply = (r: SliceResult) => {
    let p = 0;
    forEachLink(r.links, (row, checkpointHash, i) => {
      const problem = p < r.problems.length && r.problems[p][0] === i ? r.problems[p++][1] : null;
      tally.read++;
      if (row.envelopeText === null) tally.purged++;
      checker.check(row, checkpointHash, problem);
    });
    tally.decisions(r.verified, r.mismatches);
  };
  try {
    dispatch();
    for (let next = ahead.shift(); next; next = ahead.shift()) {
      const { range, result } = next;
      let r = await result;
      dispatch();
      apply(r);
      let rows = r.rows;
      // A window holding more than one slice's rows is read on where the last slice stopped.
      while (r.rows === range.limit && r.lastPosition !== null && r.lastPosition !== range.upTo) {
        r = await pool.read({ ...range, after: r.lastPosition });
        apply(r);
        rows += r.rows;
      }
      // Sparse stretches (removed rows) get wider windows, dense ones narrower: slices stay near sliceRows.
      if (rows < rowsPerSlice / 4) width = Math.min(width * 2, 2 ** 40);
      else if (rows > rowsPerSlice) width = Math.max(rowsPerSlice, Math.floor(width / 2));
      opts.onProgress?.(tally.read, head.position);
    }
  } finally {
    await pool.close();
  }
}

import { createHash, type Hash } from 'node:crypto';
import { entryHash } from './chain-hash';

/** One stored log row as the integrity walk reads it. */
export interface ChainRow {
  position: number;
  eventId: string;
  caseId: string;
  caseSeq: number;
  /** Canonical envelope; null once a purge removed the content (the hashes stay). */
  envelopeText: string | null;
  prevHash: string;
  hash: string;
  purgeRunId: number | null;
}

export type BreakKind = 'ALTERED' | 'INSERTED' | 'REMOVED';

export interface ChainBreak {
  position: number;
  kind: BreakKind;
  detail: string;
}

export interface PurgeRunRecord {
  id: number;
  entries: number;
  digest: string;
}

/**
 * The row's own content against its stored hash and its case_id column (null when intact).
 * event_id, position and case_seq are hashed; case_id is not, so it is checked against the
 * envelope. The envelope is canonical JSON (keys sorted: actor, caseId, causationId, ...), so
 * its top-level caseId is the one followed by causationId, found without parsing the row.
 */
export function contentProblem(row: ChainRow): string | null {
  if (row.envelopeText === null) return null;
  if (entryHash({ ...row, envelopeText: row.envelopeText }) !== row.hash) return 'its content does not match its stored hash';
  if (!row.envelopeText.includes(`"caseId":${JSON.stringify(row.caseId)},"causationId":`)) return `its case_id column (${row.caseId}) is not the envelope's caseId`;
  return null;
}

/**
 * The integrity walk, one row at a time in position order; pure and O(1) in memory. Positions
 * are contiguous by construction (a single writer assigns them), so a missing number is a
 * removed row, a link that skips a row marks that row as inserted, and a link to a different
 * hash marks the row before as rewritten. Keeps walking after a break, resynchronised on the
 * current row, so one tampering yields one finding.
 */
export class ChainChecker {
  readonly breaks: ChainBreak[] = [];
  breakCount = 0;
  checked = 0;
  private prev: { position: number; hash: string };
  private prevPrevHash: string | null = null;
  private prevIntact = true;
  private readonly purgeDigests = new Map<number, { hash: Hash; entries: number }>();

  constructor(
    start: { position: number; hash: string },
    private readonly head: { position: number; hash: string },
    private readonly maxKept = 100,
  ) {
    this.prev = start;
  }

  /** `content`: the row's contentProblem when already computed elsewhere (a worker thread). */
  check(row: ChainRow, checkpointHash?: string, content?: string | null): void {
    this.checked++;
    const expected = this.prev.position + 1;
    if (row.position > this.head.position) {
      this.flag(row.position, 'INSERTED', `row ${row.position} lies beyond the chain head (${this.head.position}) the writer recorded`);
    } else if (row.position > expected) {
      const which = row.position - 1 === expected ? `row ${expected} is` : `rows ${expected}..${row.position - 1} are`;
      this.flag(expected, 'REMOVED', `${which} missing: row ${row.position} follows row ${this.prev.position}`);
    } else if (row.prevHash !== this.prev.hash && this.prevIntact) {
      if (this.prevPrevHash !== null && row.prevHash === this.prevPrevHash) {
        this.flag(this.prev.position, 'INSERTED', `row ${this.prev.position} is not part of the chain: row ${row.position} links past it to row ${this.prev.position - 1}`);
      } else {
        this.flag(this.prev.position, 'ALTERED', `row ${this.prev.position} was rewritten with a recomputed hash: row ${row.position} links to a different hash`);
      }
    }
    const problem = row.envelopeText === null ? this.purged(row) : content !== undefined ? content : contentProblem(row);
    if (problem) this.flag(row.position, 'ALTERED', `row ${row.position}: ${problem}`);
    if (!problem && checkpointHash !== undefined && checkpointHash !== row.hash) {
      this.flag(row.position, 'ALTERED', `row ${row.position}: its hash differs from the checkpoint recorded for this position`);
    }
    this.prevPrevHash = this.prev.hash;
    this.prev = { position: row.position, hash: row.hash };
    this.prevIntact = problem === null;
  }

  /** After the last row: the tail and the purge runs. */
  finish(purgeRuns: PurgeRunRecord[]): void {
    if (this.prev.position < this.head.position) {
      this.flag(this.prev.position + 1, 'REMOVED', `the chain head records position ${this.head.position} but the log ends at ${this.prev.position}`);
    } else if (this.prev.position === this.head.position && this.prev.hash !== this.head.hash) {
      this.flag(this.prev.position, 'ALTERED', `row ${this.prev.position}: its hash differs from the chain head's`);
    }
    for (const run of purgeRuns) {
      const seen = this.purgeDigests.get(run.id);
      const digest = seen?.hash.digest('hex') ?? createHash('sha256').digest('hex');
      if ((seen?.entries ?? 0) !== run.entries || digest !== run.digest) {
        this.flag(0, 'ALTERED', `purge run ${run.id} recorded ${run.entries} purged entries; the log holds ${seen?.entries ?? 0} with a different digest`);
      }
    }
    const known = new Set(purgeRuns.map((r) => r.id));
    for (const id of this.purgeDigests.keys()) {
      if (!known.has(id)) this.flag(0, 'ALTERED', `${this.purgeDigests.get(id)!.entries} entries name purge run ${id}, which is not recorded`);
    }
  }

  get firstBreak(): ChainBreak | null {
    return this.breaks[0] ?? null;
  }

  private purged(row: ChainRow): string | null {
    if (row.purgeRunId === null) return 'its content was removed outside any purge run';
    const d = this.purgeDigests.get(row.purgeRunId) ?? { hash: createHash('sha256'), entries: 0 };
    d.hash.update(`${row.hash}\n`);
    d.entries++;
    this.purgeDigests.set(row.purgeRunId, d);
    return null;
  }

  private flag(position: number, kind: BreakKind, detail: string): void {
    this.breakCount++;
    if (this.breaks.length < this.maxKept) this.breaks.push({ position, kind, detail });
  }
}

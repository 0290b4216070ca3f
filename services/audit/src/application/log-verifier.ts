import type { EventEnvelope } from '@forewarn/contracts';
import { getPolicy } from '@forewarn/policy';
import { ChainChecker, contentProblem, type ChainBreak, type ChainRow } from '../domain/chain-checker';
import { GENESIS_HASH } from '../domain/chain-hash';
import { isDecisionType, verifyDecision, type DecisionVerification, type PolicyFor } from '../domain/decision-verifier';
import { currentEnvelope } from '../domain/upcast-envelope';
import type { LogPage, LogSource } from './log-source';
import type { PageCheck } from './page-check';
import { PageCheckerPool } from './page-checker-pool';
import type { ReaderConnection } from './slice-reader';
import { walkSlices } from './slice-walk';
import { groupMismatches, VerifyTally, type MismatchGroup } from './verify-tally';

export type { MismatchGroup } from './verify-tally';

export interface VerifyOptions {
  policyFor?: PolicyFor;
  /** Re-run the automated decisions too (default true); the integrity API walks the chain only. */
  decisions?: boolean;
  pageSize?: number;
  /** Called after each page with entries read so far and the head position (the total). */
  onProgress?: (read: number, total: number) => void;
  /** Findings kept in full; all are counted. */
  keep?: number;
  /** Worker threads for hashes and decisions (compiled code only; 0: all in this thread). */
  threads?: number;
  /**
   * Connection settings for readers of their own: `threads` worker threads (at least one
   * reader) then each read slices of the log in the snapshot exported from the source's
   * transaction, which must stay open for the walk. Without it, one connection reads pages.
   */
  readers?: ReaderConnection;
  /** Rows per slice when readers are given (default 10,000). */
  sliceRows?: number;
}

export interface ChainStatus {
  status: 'INTACT' | 'BROKEN';
  checked: number;
  head: { position: number; hash: string };
  breakCount: number;
  firstBreak: ChainBreak | null;
  breaks: ChainBreak[];
}

export interface VerifySummary {
  scope: { all: true } | { caseId: string };
  eventsRead: number;
  purgedEntries: number;
  decisionsVerified: number;
  mismatches: number;
  mismatchGroups: MismatchGroup[];
  /** Every mismatch up to `keep` (for a case: every decision, matching or not). */
  decisions: DecisionVerification[];
  chain: ChainStatus;
  elapsedMs: number;
}

/** Parses a stored envelope (a purged or unreadable one gives null). */
function readRow(row: ChainRow): EventEnvelope | null {
  if (row.envelopeText === null) return null;
  try {
    return JSON.parse(row.envelopeText) as EventEnvelope;
  } catch {
    return null;
  }
}

function chainStatus(checked: number, head: ChainStatus['head'], breaks: ChainBreak[], breakCount: number): ChainStatus {
  return { status: breakCount === 0 ? 'INTACT' : 'BROKEN', checked, head, breakCount, firstBreak: breaks[0] ?? null, breaks };
}

/**
 * The streaming verifier the CLI, the API and the benchmark share: walks the whole log once in
 * position order, checks every link and checkpoint, and re-runs every automated decision with
 * its recorded policy version. Memory is O(page), whatever the log's length.
 */
export async function verifyWholeLog(source: LogSource, opts: VerifyOptions = {}): Promise<VerifySummary> {
  const started = Date.now();
  const keep = opts.keep ?? 100;
  const head = await source.head();
  const runs = await source.purgeRuns();
  const checker = new ChainChecker({ position: 0, hash: GENESIS_HASH }, head, keep);
  const tally = new VerifyTally(keep);
  if (opts.readers) {
    await walkSlices(source, head, checker, tally, { ...opts, readers: opts.readers, threads: opts.threads ?? 0, decisions: opts.decisions !== false });
  } else {
    await walkPages(source, head, checker, tally, opts);
  }
  checker.finish(runs);
  return {
    scope: { all: true },
    eventsRead: tally.read,
    purgedEntries: tally.purged,
    decisionsVerified: tally.verified,
    mismatches: tally.mismatches,
    mismatchGroups: tally.sortedGroups(),
    decisions: tally.kept,
    chain: chainStatus(checker.checked, head, checker.breaks, checker.breakCount),
    elapsedMs: Date.now() - started,
  };
}

/** One connection reads pages; worker threads (or this one) hash and replay them. */
async function walkPages(source: LogSource, head: { position: number }, checker: ChainChecker, tally: VerifyTally, opts: VerifyOptions): Promise<void> {
  const pool = new PageCheckerPool(opts.threads ?? 0, opts.decisions !== false, opts.policyFor);
  // Pages are checked ahead on the workers; links are checked here, strictly in order.
  const inFlight: { page: LogPage; result: Promise<PageCheck> }[] = [];
  const settle = async () => {
    const { page, result } = inFlight.shift()!;
    const r = await result;
    page.rows.forEach((row, i) => {
      tally.read++;
      if (row.envelopeText === null) tally.purged++;
      checker.check(row, page.checkpoints.get(row.position), r.problems[i]);
    });
    tally.decisions(r.verified, r.mismatches);
    opts.onProgress?.(tally.read, head.position);
  };
  try {
    for await (const page of source.pages(opts.pageSize ?? 5000)) {
      inFlight.push({ page, result: pool.check(page.rows, getPolicy) });
      // At most two pages per thread in flight: memory stays flat however long the log.
      if (inFlight.length > 2 * Math.max(1, pool.threads)) await settle();
    }
    while (inFlight.length > 0) await settle();
  } finally {
    await pool.close();
  }
}

/**
 * One case: its decisions, and its own links checked against the rows on either side of each
 * of its entries (point lookups, not a walk of the whole log).
 */
export async function verifyCase(source: LogSource, caseId: string, opts: VerifyOptions = {}): Promise<VerifySummary> {
  const started = Date.now();
  const policyFor = opts.policyFor ?? getPolicy;
  const head = await source.head();
  const rows = await source.caseRows(caseId);
  const around = await source.at(rows.flatMap((r) => [r.position - 1, r.position + 1]));
  const breaks: ChainBreak[] = [];
  const decisions: DecisionVerification[] = [];
  let purged = 0;
  rows.forEach((row, i) => {
    if (row.caseSeq !== i + 1 && (i === 0 || rows[i - 1].caseSeq !== row.caseSeq - 1)) {
      breaks.push({ position: row.position, kind: 'REMOVED', detail: `case entry ${i === 0 ? 1 : rows[i - 1].caseSeq + 1} is missing before row ${row.position} (case entry ${row.caseSeq})` });
    }
    const raw = readRow(row);
    if (row.envelopeText === null) purged++;
    const problem = row.envelopeText === null ? (row.purgeRunId === null ? 'its content was removed outside any purge run' : null) : contentProblem(row);
    if (problem) breaks.push({ position: row.position, kind: 'ALTERED', detail: `row ${row.position}: ${problem}` });
    const before = around.get(row.position - 1);
    const expectedPrev = row.position === 1 ? GENESIS_HASH : before?.hash;
    if (expectedPrev === undefined) breaks.push({ position: row.position - 1, kind: 'REMOVED', detail: `row ${row.position - 1}, before this case's row ${row.position}, is missing` });
    else if (expectedPrev !== row.prevHash) breaks.push({ position: row.position - 1, kind: 'ALTERED', detail: `row ${row.position} does not link to the hash of row ${row.position - 1}` });
    const after = around.get(row.position + 1);
    if (after && after.prevHash !== row.hash && !problem) {
      breaks.push({ position: row.position, kind: 'ALTERED', detail: `row ${row.position} was rewritten with a recomputed hash: row ${row.position + 1} links to a different hash` });
    }
    if (!after && row.position < head.position) breaks.push({ position: row.position + 1, kind: 'REMOVED', detail: `row ${row.position + 1}, after this case's row ${row.position}, is missing` });
    if (raw && isDecisionType(raw.type)) decisions.push(verifyDecision(currentEnvelope(raw), policyFor)!);
  });
  const mismatches = decisions.filter((d) => !d.match).length;
  return {
    scope: { caseId },
    eventsRead: rows.length,
    purgedEntries: purged,
    decisionsVerified: decisions.length,
    mismatches,
    mismatchGroups: [...groupMismatches(decisions.filter((d) => !d.match)).values()],
    decisions,
    chain: chainStatus(rows.length, head, breaks, breaks.length),
    elapsedMs: Date.now() - started,
  };
}

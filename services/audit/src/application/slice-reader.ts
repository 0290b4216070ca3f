import { Client, type ClientConfig } from 'pg';
import type { DecisionVerification, PolicyFor } from '../domain/decision-verifier';
import { copyBinary } from './binary-copy';
import { LinkPacker } from './link-records';
import { replayDecision } from './page-check';
import { ENTRY_FIELDS, ENTRY_SELECT, F, RawEntryChecker, isDecisionBytes } from './raw-entry';

/** How a reader connects (pg client settings, plain data so it can be posted to a thread). */
export interface ReaderConnection {
  connectionString?: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  /** As the main connection has it (it must survive a structured clone to reach a thread). */
  ssl?: ClientConfig['ssl'];
  /** e.g. `-c search_path=audit`: the log's tables are read unqualified. */
  options?: string;
}

/**
 * A run of positions: (after, upTo], or the first `limit` rows after `after`. Decimal strings,
 * exact whatever a tampered position holds; inlined into COPY, which takes no parameters.
 */
export interface SliceRange {
  after: string;
  upTo: string | null;
  limit: number | null;
}

export interface SliceResult {
  rows: number;
  /** Link records (link-records.ts) in position order. */
  links: { bytes: ArrayBuffer; length: number };
  /** contentProblem of the rows that have one: [index in the slice, problem]. */
  problems: [number, string][];
  verified: number;
  mismatches: DecisionVerification[];
  /** The last row's position, exact; null when the slice was empty. */
  lastPosition: string | null;
}

const INTEGER = /^-?\d{1,19}$/;

/**
 * Reads slices of the log on its own connection, inside a snapshot another transaction
 * exported, and checks what needs no neighbour: each row's hash and case id, each decision.
 * Several readers (one per thread) walk the same snapshot side by side; the links between
 * rows are checked afterwards, in order, from the link records.
 */
export class SliceReader {
  private readonly checker = new RawEntryChecker();
  /** One query at a time on the connection: reads queue here, not in pg. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly client: Client) {}

  static async open(connection: ReaderConnection, snapshot: string): Promise<SliceReader> {
    if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`not a snapshot id: ${snapshot}`);
    const client = new Client({ ...connection, application_name: 'audit-verify-reader' });
    await client.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    return new SliceReader(client);
  }

  read(range: SliceRange, decisions: boolean, policyFor: PolicyFor): Promise<SliceResult> {
    const result = this.queue.then(() => this.readNow(range, decisions, policyFor));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async readNow(range: SliceRange, decisions: boolean, policyFor: PolicyFor): Promise<SliceResult> {
    const bounds = [range.after, range.upTo ?? '0', String(range.limit ?? 0)];
    if (!bounds.every((b) => INTEGER.test(b))) throw new Error(`bad slice bounds ${JSON.stringify(range)}`);
    const select =
      `${ENTRY_SELECT} WHERE l.position > ${range.after}${range.upTo === null ? '' : ` AND l.position <= ${range.upTo}`}` +
      ` ORDER BY l.position${range.limit === null ? '' : ` LIMIT ${range.limit}`}`;
    const packer = new LinkPacker();
    const problems: [number, string][] = [];
    const mismatches: DecisionVerification[] = [];
    const last = Buffer.alloc(8);
    let verified = 0;
    await copyBinary(this.client, select, ENTRY_FIELDS, (t) => {
      const problem = this.checker.problem(t);
      if (problem !== null) problems.push([packer.rows, problem]);
      t.buf.copy(last, 0, t.start[F.position], t.start[F.position] + 8);
      packer.add(t);
      const at = t.start[F.envelope];
      const n = t.len[F.envelope];
      // Only decisions are parsed: most entries need their hash checked, nothing more.
      if (!decisions || n < 0 || !isDecisionBytes(t.buf, at, n)) return;
      const result = replayDecision(t.buf.toString('utf8', at, at + n), policyFor);
      if (!result) return;
      verified++;
      if (!result.match) mismatches.push(result);
    });
    const links = packer.take();
    return { rows: links.rows, links, problems, verified, mismatches, lastPosition: links.rows > 0 ? last.readBigInt64BE(0).toString() : null };
  }

  async close(): Promise<void> {
    await this.queue;
    await this.client.query('ROLLBACK').catch(() => undefined);
    await this.client.end();
  }
}

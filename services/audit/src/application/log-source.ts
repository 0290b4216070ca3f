import type { ChainRow, PurgeRunRecord } from '../domain/chain-checker';
import type { Sql } from './sql';

export interface LogPage {
  rows: ChainRow[];
  /** Checkpoint hashes by position, for the positions in this page. */
  checkpoints: Map<number, string>;
}

// Rows arrive already shaped as ChainRow (float8 parses to a JS number, exact below 2^53):
// no second object per row on a million-row walk. ORDER BY must name case_log.position: the
// bare name would be the float8 alias, which no index serves.
const COLUMNS = `position::float8 AS position, event_id AS "eventId", case_id AS "caseId", case_seq AS "caseSeq",
  envelope AS "envelopeText", prev_hash AS "prevHash", hash, purge_run_id::float8 AS "purgeRunId"`;

/**
 * Reads the log for verification. Run it inside one REPEATABLE READ transaction so the head,
 * the rows and the checkpoints are one consistent snapshot while writers keep appending.
 */
export class LogSource {
  constructor(private readonly sql: Sql) {}

  async head(): Promise<{ position: number; hash: string }> {
    const [h] = await this.sql<{ position: string; hash: string }>(`SELECT position, hash FROM chain_head WHERE id = 1`);
    return { position: Number(h.position), hash: h.hash };
  }

  async purgeRuns(): Promise<PurgeRunRecord[]> {
    const runs = await this.sql<{ id: string; entries: number; digest: string }>(`SELECT id, entries, digest FROM purge_runs ORDER BY id`);
    return runs.map((r) => ({ id: Number(r.id), entries: r.entries, digest: r.digest }));
  }

  /**
   * This transaction's snapshot, for readers on other connections to join
   * (`SET TRANSACTION SNAPSHOT`); valid while this transaction stays open.
   */
  async exportSnapshot(): Promise<string> {
    const [{ id }] = await this.sql<{ id: string }>(`SELECT pg_export_snapshot() AS id`);
    return id;
  }

  /** The highest position in the log (null when empty). */
  async lastPosition(): Promise<number | null> {
    const [{ last }] = await this.sql<{ last: string | null }>(`SELECT max(position)::text AS last FROM case_log`);
    return last === null ? null : Number(last);
  }

  /**
   * The whole log in position order, page by page (keyset on the primary key, so memory stays
   * flat however long the log). The next page is requested before the current one is handed
   * out, so Postgres reads ahead while the caller hashes.
   */
  async *pages(pageSize: number, afterPosition = 0): AsyncGenerator<LogPage> {
    let next = this.page(afterPosition, pageSize);
    for (;;) {
      const page = await next;
      if (page.rows.length === 0) return;
      const last = page.rows[page.rows.length - 1].position;
      next = page.rows.length < pageSize ? Promise.resolve({ rows: [], checkpoints: new Map() }) : this.page(last, pageSize);
      next.catch(() => undefined); // surfaced when awaited; a caller that stops early must not crash on it
      yield page;
    }
  }

  private async page(after: number, limit: number): Promise<LogPage> {
    const rows = await this.sql<ChainRow>(`SELECT ${COLUMNS} FROM case_log WHERE position > $1 ORDER BY case_log.position LIMIT $2`, [after, limit]);
    const checkpoints = new Map<number, string>();
    if (rows.length > 0) {
      const cps = await this.sql<{ position: string; hash: string }>(`SELECT position, hash FROM checkpoints WHERE position > $1 AND position <= $2`, [
        after,
        rows[rows.length - 1].position,
      ]);
      for (const c of cps) checkpoints.set(Number(c.position), c.hash);
    }
    return { rows, checkpoints };
  }

  /** One case's rows in case order. */
  async caseRows(caseId: string): Promise<ChainRow[]> {
    return this.sql<ChainRow>(`SELECT ${COLUMNS} FROM case_log WHERE case_id = $1 ORDER BY case_seq`, [caseId]);
  }

  /** The rows at these positions (the neighbours of a case's rows), by position. */
  async at(positions: number[]): Promise<Map<number, ChainRow>> {
    const rows = await this.sql<ChainRow>(`SELECT ${COLUMNS} FROM case_log WHERE position = ANY($1::bigint[])`, [positions]);
    return new Map(rows.map((r) => [r.position, r]));
  }
}

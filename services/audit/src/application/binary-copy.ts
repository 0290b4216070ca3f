import type { ClientBase } from 'pg';

/**
 * One tuple of a binary COPY: field i is buf[start[i], start[i] + len[i]) (len -1: SQL NULL).
 * The arrays and the buffer are reused for the next tuple: read what you need, keep nothing.
 */
export interface Tuple {
  buf: Buffer;
  start: Int32Array;
  len: Int32Array;
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/**
 * Decodes COPY ... (FORMAT binary) as it arrives: the raw bytes of each field, no text
 * decoding and no object per row (the verifier hashes bytes, so strings would be made only to
 * be encoded again). Postgres sends one tuple per CopyData message; a tuple split across
 * messages is joined anyway.
 */
export class BinaryCopyDecoder {
  private pending: Buffer | null = null;
  private headerDone = false;
  private ended = false;
  private readonly tuple: Tuple;

  constructor(
    private readonly fields: number,
    private readonly onTuple: (t: Tuple) => void,
  ) {
    this.tuple = { buf: Buffer.alloc(0), start: new Int32Array(fields), len: new Int32Array(fields) };
  }

  push(chunk: Buffer): void {
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    let off = 0;
    if (!this.headerDone) {
      if (buf.length < 19) return void (this.pending = Buffer.from(buf));
      if (!buf.subarray(0, 11).equals(SIGNATURE)) throw new Error('not a binary COPY stream');
      const extension = buf.readInt32BE(15);
      if (buf.length < 19 + extension) return void (this.pending = Buffer.from(buf));
      off = 19 + extension;
      this.headerDone = true;
    }
    while (off < buf.length && !this.ended) {
      const end = this.parse(buf, off);
      if (end < 0) {
        this.pending = Buffer.from(buf.subarray(off)); // copied: pg reuses its receive buffer
        return;
      }
      off = end;
    }
  }

  /** Hands one tuple starting at off to onTuple; returns where the next begins, -1 if incomplete. */
  private parse(buf: Buffer, off: number): number {
    if (off + 2 > buf.length) return -1;
    const count = buf.readInt16BE(off);
    if (count === -1) {
      this.ended = true;
      return off + 2;
    }
    if (count !== this.fields) throw new Error(`binary COPY: expected ${this.fields} fields, got ${count}`);
    let p = off + 2;
    const { start, len } = this.tuple;
    for (let i = 0; i < count; i++) {
      if (p + 4 > buf.length) return -1;
      const n = buf.readInt32BE(p);
      p += 4;
      start[i] = p;
      len[i] = n;
      if (n > 0) p += n;
      if (p > buf.length) return -1;
    }
    this.tuple.buf = buf;
    this.onTuple(this.tuple);
    return p;
  }

  /** Whether the end-of-data marker arrived (a stream cut short is an error, not an end). */
  get complete(): boolean {
    return this.ended;
  }
}

/**
 * Runs `COPY (select) TO STDOUT (FORMAT binary)` on a pg client (a submittable query, as
 * pg-copy-streams does it). onTuple runs synchronously inside pg's socket handler, so the
 * socket is read no faster than tuples are consumed: memory stays flat however many rows.
 */
export function copyBinary(client: ClientBase, select: string, fields: number, onTuple: (t: Tuple) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const decoder = new BinaryCopyDecoder(fields, onTuple);
    let failure: Error | null = null;
    let settled = false;
    const settle = (err: Error | null) => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve();
    };
    const submittable = {
      submit(connection: { query(text: string): void }) {
        connection.query(`COPY (${select}) TO STDOUT (FORMAT binary)`);
      },
      handleCopyData(msg: { chunk: Buffer }) {
        if (failure) return;
        try {
          decoder.push(msg.chunk);
        } catch (err) {
          failure = err as Error; // reported at ReadyForQuery, when the connection can take the next query
        }
      },
      handleCommandComplete() {
        if (!failure && !decoder.complete) failure = new Error('binary COPY ended without its end-of-data marker');
      },
      handleReadyForQuery() {
        settle(failure);
      },
      handleError(err: Error) {
        settle(err);
      },
      handleEmptyQuery() {
        settle(new Error('empty COPY query'));
      },
    };
    // pg accepts any object with submit(); its types only know Query configs.
    (client.query as unknown as (q: object) => void)(submittable);
  });
}

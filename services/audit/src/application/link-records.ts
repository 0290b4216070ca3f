import type { ChainRow } from '../domain/chain-checker';
import type { Tuple } from './binary-copy';
import { F, int8At } from './raw-entry';

const PURGED = 1;
const CHECKPOINT = 2;

/**
 * What the in-order chain walk needs of each row (position, both hashes, purge state, the
 * checkpoint recorded there), packed into one buffer a reader thread hands over without a
 * copy: a slice's rows cross threads as one transfer, not as thousands of cloned strings.
 */
export class LinkPacker {
  private buf = Buffer.allocUnsafeSlow(1 << 16);
  private o = 0;
  rows = 0;

  add(t: Tuple): void {
    const { buf, start, len } = t;
    const need = 21 + 12 + len[F.prevHash] + len[F.hash] + Math.max(0, len[F.checkpoint]);
    if (this.o + need > this.buf.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.o + need));
      this.buf.copy(bigger, 0, 0, this.o);
      this.buf = bigger;
    }
    const b = this.buf;
    this.o = b.writeDoubleLE(int8At(buf, start[F.position]), this.o);
    this.o = b.writeDoubleLE(len[F.purgeRunId] < 0 ? NaN : int8At(buf, start[F.purgeRunId]), this.o);
    this.o = b.writeUInt8((len[F.envelope] < 0 ? PURGED : 0) | (len[F.checkpoint] < 0 ? 0 : CHECKPOINT), this.o);
    this.field(buf, start[F.prevHash], len[F.prevHash]);
    this.field(buf, start[F.hash], len[F.hash]);
    if (len[F.checkpoint] >= 0) this.field(buf, start[F.checkpoint], len[F.checkpoint]);
    this.rows++;
  }

  /** The packed rows; the packer starts afresh. */
  take(): { bytes: ArrayBuffer; length: number; rows: number } {
    const out = { bytes: this.buf.buffer as ArrayBuffer, length: this.o, rows: this.rows };
    this.buf = Buffer.allocUnsafeSlow(1 << 16);
    this.o = 0;
    this.rows = 0;
    return out;
  }

  private field(src: Buffer, from: number, n: number): void {
    this.o = this.buf.writeUInt32LE(n, this.o);
    this.o += src.copy(this.buf, this.o, from, from + n);
  }
}

/**
 * Unpacks rows as ChainChecker.check reads them when the content was judged elsewhere: position,
 * hashes, purge state. envelopeText is null for a purged row and '' otherwise (the content
 * itself stayed on the reader thread, which hashed it).
 */
export function forEachLink(packed: { bytes: ArrayBuffer; length: number }, each: (row: ChainRow, checkpointHash: string | undefined, index: number) => void): void {
  const b = Buffer.from(packed.bytes, 0, packed.length);
  let o = 0;
  const text = () => {
    const n = b.readUInt32LE(o);
    o += 4;
    o += n;
    return b.toString('utf8', o - n, o);
  };
  for (let i = 0; o < b.length; i++) {
    const position = b.readDoubleLE(o);
    const purgeRunId = b.readDoubleLE(o + 8);
    const flags = b[o + 16];
    o += 17;
    const prevHash = text();
    const hash = text();
    const checkpoint = flags & CHECKPOINT ? text() : undefined;
    const row: ChainRow = { position, eventId: '', caseId: '', caseSeq: 0, envelopeText: flags & PURGED ? null : '', prevHash, hash, purgeRunId: Number.isNaN(purgeRunId) ? null : purgeRunId };
    each(row, checkpoint, i);
  }
}

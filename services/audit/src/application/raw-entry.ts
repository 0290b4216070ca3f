import * as crypto from 'node:crypto';
import { isDecisionText } from '../domain/decision-verifier';
import type { Tuple } from './binary-copy';

/**
 * The columns a slice of the log is read with, in binary COPY order, and where each lands.
 * The checkpoint hash comes by a join on the checkpoints' primary key (one or none per row).
 */
export const ENTRY_SELECT = `SELECT l.position, l.event_id, l.case_id, l.case_seq, l.envelope, l.prev_hash, l.hash, l.purge_run_id, c.hash
  FROM case_log l LEFT JOIN checkpoints c ON c.position = l.position`;
export const F = { position: 0, eventId: 1, caseId: 2, caseSeq: 3, envelope: 4, prevHash: 5, hash: 6, purgeRunId: 7, checkpoint: 8 } as const;
export const ENTRY_FIELDS = 9;

/** A binary int8 as a JS number, rounded as position::float8 rounds it (exact below 2^53). */
export function int8At(buf: Buffer, at: number): number {
  return buf.readInt32BE(at) * 4294967296 + buf.readUInt32BE(at + 4);
}

const oneShot = (crypto as { hash?: (alg: string, data: Buffer, enc: 'hex') => string }).hash;
const sha256Hex = oneShot ? (data: Buffer) => oneShot('sha256', data, 'hex') : (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');

/** Whether JSON.stringify would write these UTF-8 bytes between quotes unchanged (no escapes). */
function plainJson(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const b = buf[i];
    if (b < 0x20 || b === 0x22 || b === 0x5c) return false;
  }
  return true;
}

const ascii = (text: string) => Buffer.from(text, 'latin1');
const CASE_SEQ = ascii('{"caseSeq":');
const ENVELOPE = ascii(',"envelope":');
const EVENT_ID = ascii(',"eventId":');
const POSITION = ascii(',"position":');
const PREV_HASH = ascii(',"prevHash":');
const CASE_ID = ascii('"caseId":');
const CAUSATION_ID = ascii(',"causationId":');

/**
 * contentProblem (domain/chain-checker) on the raw bytes of a row: the same SHA-256 input,
 * byte for byte (UTF-8 of the string form is the concatenation of its parts' UTF-8, and the
 * stored envelope is hashed as stored), the same case_id test, the same messages. Saves
 * decoding every envelope to a string only for the hash to encode it back. The input is
 * assembled in one reused buffer: a million rows make no garbage here but the digest.
 */
export class RawEntryChecker {
  private s = Buffer.allocUnsafeSlow(16 * 1024);
  private o = 0;

  /** null when intact (or purged: the chain checker judges those). */
  problem(t: Tuple): string | null {
    const { buf, start, len } = t;
    const envLen = len[F.envelope];
    if (envLen < 0) return null;
    const envStart = start[F.envelope];
    const need = envLen + len[F.eventId] * 6 + len[F.prevHash] * 6 + len[F.caseId] * 6 + 128;
    if (need > this.s.length) this.s = Buffer.allocUnsafeSlow(need * 2);
    this.o = 0;
    this.bytes(CASE_SEQ, 0, CASE_SEQ.length);
    this.integer(buf.readInt32BE(start[F.caseSeq]));
    this.bytes(ENVELOPE, 0, ENVELOPE.length);
    this.o += buf.copy(this.s, this.o, envStart, envStart + envLen);
    this.bytes(EVENT_ID, 0, EVENT_ID.length);
    this.jsonString(buf, start[F.eventId], len[F.eventId]);
    this.bytes(POSITION, 0, POSITION.length);
    this.integer(int8At(buf, start[F.position]));
    this.bytes(PREV_HASH, 0, PREV_HASH.length);
    this.jsonString(buf, start[F.prevHash], len[F.prevHash]);
    this.s[this.o++] = 0x7d; // }
    const hashStart = start[F.hash];
    if (sha256Hex(this.s.subarray(0, this.o)) !== buf.toString('latin1', hashStart, hashStart + len[F.hash])) return 'its content does not match its stored hash';
    // The envelope's top-level caseId, as contentProblem finds it: followed by causationId.
    this.o = 0;
    this.bytes(CASE_ID, 0, CASE_ID.length);
    this.jsonString(buf, start[F.caseId], len[F.caseId]);
    this.bytes(CAUSATION_ID, 0, CAUSATION_ID.length);
    const at = buf.indexOf(this.s.subarray(0, this.o), envStart);
    if (at < 0 || at + this.o > envStart + envLen) {
      return `its case_id column (${buf.toString('utf8', start[F.caseId], start[F.caseId] + len[F.caseId])}) is not the envelope's caseId`;
    }
    return null;
  }

  /** Short runs byte by byte: cheaper than Buffer.copy's checks for a dozen bytes. */
  private bytes(from: Buffer, at: number, n: number): void {
    const s = this.s;
    let o = this.o;
    for (let i = at; i < at + n; i++) s[o++] = from[i];
    this.o = o;
  }

  /** `${n}` for a number: integers below 2^53 digit by digit, anything else as JS prints it. */
  private integer(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) {
      this.o += this.s.write(String(n), this.o, 'latin1');
      return;
    }
    const s = this.s;
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    for (let i = this.o + digits - 1, x = n; i >= this.o; i--, x = Math.floor(x / 10)) s[i] = 0x30 + (x % 10);
    this.o += digits;
  }

  /** JSON.stringify of the UTF-8 text at buf[from, from+n), as UTF-8. */
  private jsonString(buf: Buffer, from: number, n: number): void {
    if (plainJson(buf, from, from + n)) {
      this.s[this.o++] = 0x22;
      if (n <= 64) this.bytes(buf, from, n);
      else this.o += buf.copy(this.s, this.o, from, from + n);
      this.s[this.o++] = 0x22;
      return;
    }
    this.o += this.s.write(JSON.stringify(buf.toString('utf8', from, from + n)), this.o, 'utf8');
  }
}

/**
 * isDecisionText on raw bytes. It tests how the text ends, with ASCII: the last bytes, read one
 * char per byte, end the same way. 64 bytes hold `"type":"<any decision type>"}`.
 */
export function isDecisionBytes(buf: Buffer, from: number, n: number): boolean {
  return isDecisionText(buf.toString('latin1', Math.max(from, from + n - 64), from + n));
}

import { contentProblem, type ChainRow } from '../domain/chain-checker';
import { entryHash, GENESIS_HASH } from '../domain/chain-hash';
import { isDecisionText } from '../domain/decision-verifier';
import { BinaryCopyDecoder, type Tuple } from './binary-copy';
import { forEachLink, LinkPacker } from './link-records';
import { ENTRY_FIELDS, isDecisionBytes, RawEntryChecker } from './raw-entry';

/** A row as Postgres sends it in binary COPY, in ENTRY_SELECT's column order. */
function encode(row: ChainRow, checkpoint: string | null = null): Buffer {
  const int8 = (n: number) => {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(BigInt(n));
    return b;
  };
  const int4 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(n);
    return b;
  };
  const text = (s: string | null) => (s === null ? null : Buffer.from(s, 'utf8'));
  const fields = [int8(row.position), text(row.eventId), text(row.caseId), int4(row.caseSeq), text(row.envelopeText), text(row.prevHash), text(row.hash), row.purgeRunId === null ? null : int8(row.purgeRunId), text(checkpoint)];
  const count = Buffer.alloc(2);
  count.writeInt16BE(ENTRY_FIELDS);
  const parts = [count];
  for (const f of fields) {
    parts.push(int4(f === null ? -1 : f.length));
    if (f) parts.push(f);
  }
  return Buffer.concat(parts);
}

const HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const TRAILER = Buffer.from([0xff, 0xff]);

/** Decodes a COPY stream cut into pieces of `step` bytes, collecting what each tuple gives. */
function decode<T>(stream: Buffer, step: number, each: (t: Tuple) => T): T[] {
  const out: T[] = [];
  const decoder = new BinaryCopyDecoder(ENTRY_FIELDS, (t) => out.push(each(t)));
  for (let i = 0; i < stream.length; i += step) decoder.push(stream.subarray(i, i + step));
  expect(decoder.complete).toBe(true);
  return out;
}

function row(position: number, eventId: string, caseId: string, envelope: unknown, over: Partial<ChainRow> = {}): ChainRow {
  const envelopeText = JSON.stringify(envelope);
  const base = { position, eventId, caseId, caseSeq: position, envelopeText, prevHash: GENESIS_HASH, purgeRunId: null, ...over };
  return { ...base, hash: over.hash ?? entryHash({ ...base, envelopeText: base.envelopeText ?? '' }) };
}

const env = (caseId: string, extra: Record<string, unknown> = {}) => ({ actor: { id: 'x' }, caseId, causationId: null, data: extra, type: 'ThreatReported' });

describe('raw entry checks (binary COPY rows)', () => {
  const rows: ChainRow[] = [
    row(1, 'e-1', 'c-1', env('c-1')),
    row(2, 'e-2', 'c-ü', env('c-ü', { note: 'café 😀 \u2028 "quoted" \\ back\nslash' })),
    row(2 ** 40, 'e "odd"\\\u0001', 'c-3', env('c-3'), { caseSeq: 2 ** 31 - 1, prevHash: 'not\u0000hex "quoted"' }),
    row(4, 'e-4', 'c-4', env('c-4'), { hash: 'f'.repeat(64) }),
    { ...row(5, 'e-5', 'c-5', env('c-5')), envelopeText: JSON.stringify(env('c-5', { tampered: true })) },
    row(6, 'e-6', 'c-6', env('someone-else')),
    row(7, 'e-7', 'c-7', { caseId: 'c-7', note: 'no causationId after it' }),
    { ...row(8, 'e-8', 'c-8', null), envelopeText: null, purgeRunId: 3 },
    row(9, 'e-9', 'c-9', env('c-9'), { hash: 'ab'.repeat(32) + 'é' }),
  ];

  it('finds the same problem as contentProblem, row by row, however the stream is cut', () => {
    const expected = rows.map((r) => contentProblem(r));
    expect(expected.filter((p) => p !== null)).toHaveLength(5);
    const stream = Buffer.concat([HEADER, ...rows.map((r) => encode(r)), TRAILER]);
    for (const step of [1, 7, 64, stream.length]) {
      const checker = new RawEntryChecker();
      expect(decode(stream, step, (t) => checker.problem(t))).toEqual(expected);
    }
  });

  it('looks for the case id inside the envelope only, not in the fields after it', () => {
    const r = row(10, 'e-10', 'c-10', { caseId: 'other', causationId: null });
    const stream = Buffer.concat([HEADER, encode(r, '"caseId":"c-10","causationId":'), TRAILER]);
    expect(decode(stream, stream.length, (t) => new RawEntryChecker().problem(t))).toEqual([contentProblem(r)]);
    expect(contentProblem(r)).toMatch(/case_id column \(c-10\)/);
  });

  it('tells decisions apart as isDecisionText does', () => {
    const texts = ['{"type":"DutyDetermined"}', '{"type":"WaiverReviewOpened"}', '{"type":"DeliveryPlanned"}', '{"type":"ThreatReported"}', '{"type":"DutyDetermined"} ', 'é"type":"DeliveryPlanned"}', '}'];
    for (const text of texts) {
      const b = Buffer.concat([Buffer.from('xx'), Buffer.from(text), Buffer.from('yy')]);
      expect(isDecisionBytes(b, 2, b.length - 4)).toBe(isDecisionText(text));
    }
  });

  it('packs what the chain checker reads: position, hashes, purge state, checkpoint', () => {
    const packer = new LinkPacker();
    const stream = Buffer.concat([HEADER, ...rows.map((r, i) => encode(r, i === 0 ? 'cp-hash' : null)), TRAILER]);
    decode(stream, 5, (t) => packer.add(t));
    const seen: [ChainRow, string | undefined][] = [];
    forEachLink(packer.take(), (r, cp) => seen.push([r, cp]));
    expect(seen.map(([r, cp]) => [r.position, r.prevHash, r.hash, r.envelopeText === null, r.purgeRunId, cp])).toEqual(
      rows.map((r, i) => [r.position, r.prevHash, r.hash, r.envelopeText === null, r.purgeRunId, i === 0 ? 'cp-hash' : undefined]),
    );
    expect(seen[0][0].envelopeText).toBe('');
  });
});

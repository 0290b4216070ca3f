import { createHash } from 'node:crypto';
import { deadLetterOf, MAX_LETTER_BYTES, type DeadLetterInput } from './dead-letter-publisher';

const input = (value: Buffer | null, key: Buffer | null = Buffer.from('case-1')): DeadLetterInput => ({
  reason: 'SCHEMA_INVALID',
  errors: ['/threat: bad'],
  originalTopic: 'partner.nctc.threat-reports.v1',
  partition: 2,
  offset: '41',
  consumer: 'intake.partner-reports',
  attempts: 0,
  recordId: 'partner.nctc.threat-reports.v1:2:41:abc',
  key,
  value,
});
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const decoded = (l: { payload: string; payloadEncoding?: string }) => Buffer.from(l.payload, l.payloadEncoding === 'base64' ? 'base64' : 'utf8');

describe('dead letters of any payload', () => {
  it('carries storable text as it is, with its size and digest', () => {
    const value = Buffer.from('{"reportId":"R-1","note":"é ✓"}');
    const letter = deadLetterOf(input(value), '2026-12-01T00:00:00.000Z');
    expect(letter).toMatchObject({ payload: value.toString(), payloadEncoding: 'utf8', payloadBytes: value.length, payloadSha256: sha256(value), key: 'case-1', deadLetterId: 'intake.partner-reports@partner.nctc.threat-reports.v1:2:41:abc' });
    expect(letter.payloadTruncated).toBeUndefined();
  });

  it.each([
    ['a NUL character', Buffer.from('not json \u0000 at all')],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x80, 0x7d])],
    ['an encoded lone surrogate', Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22])],
  ])('carries %s as base64, byte for byte', (_, value) => {
    const letter = deadLetterOf(input(value), 'now');
    expect(letter.payloadEncoding).toBe('base64');
    expect(decoded(letter).equals(value)).toBe(true);
  });

  it.each([
    ['1 MB of plain text', Buffer.alloc(1_040_000, 'a')],
    ['text that JSON escaping grows sixfold', Buffer.alloc(200_000, 1)],
    ['text that JSON escaping doubles', Buffer.alloc(600_000, '"')],
  ])('cuts %s to a preview that fits one record, keeping the whole size and digest', (_, value) => {
    const letter = deadLetterOf(input(value), 'now');
    expect(Buffer.byteLength(JSON.stringify(letter))).toBeLessThanOrEqual(MAX_LETTER_BYTES);
    expect(letter).toMatchObject({ payloadTruncated: true, payloadBytes: value.length, payloadSha256: sha256(value), offset: '41', partition: 2 });
    expect(value.subarray(0, decoded(letter).length).equals(decoded(letter))).toBe(true);
  });

  it('cuts a multi-byte text at a character boundary, so the preview stays text', () => {
    const value = Buffer.from('€'.repeat(400_000));
    const letter = deadLetterOf(input(value), 'now');
    expect(letter).toMatchObject({ payloadTruncated: true, payloadEncoding: 'utf8' });
    expect(letter.payload).toMatch(/^€+$/);
  });

  it('stays under a smaller limit when the broker asks for one', () => {
    const letter = deadLetterOf(input(Buffer.alloc(300_000, 'x')), 'now', 8_192);
    expect(Buffer.byteLength(JSON.stringify(letter))).toBeLessThanOrEqual(8_192);
  });

  it('drops a key too long or not text to keep, and says so, and bounds the errors', () => {
    const many = Array.from({ length: 500 }, (_, i) => `/items/${i}: ${'x'.repeat(5_000)}`);
    const letter = deadLetterOf({ ...input(Buffer.from('{}'), Buffer.alloc(5_000, 'k')), errors: many }, 'now');
    expect(letter.key).toBeNull();
    expect(letter.errors).toHaveLength(51);
    expect(letter.errors[50]).toBe('… and 451 more errors');
    expect(letter.errors[0].length).toBeLessThanOrEqual(1_001);
    expect(deadLetterOf(input(Buffer.from('{}'), Buffer.from([0xff])), 'now').errors).toContain('key of 1 bytes not kept: too long or not storable text');
  });
});

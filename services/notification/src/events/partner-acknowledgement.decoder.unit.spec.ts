import type { RawRecord } from '@forewarn/eventing';
import { decodePartnerAcknowledgement } from './partner-acknowledgement.decoder';

const message = (value: string, offset = '7'): RawRecord => ({ key: null, value: Buffer.from(value), offset, headers: {} });

describe('decodePartnerAcknowledgement', () => {
  const ack = { schemaVersion: 1, idempotencyKey: 'k-1', acknowledgedBy: 'FSB duty officer', acknowledgedAt: '2024-03-08T10:00:00Z' };

  const at = (partition: number, id = `acks:${partition}:7:0123456789abcdef0123456789abcdef`) => ({ topic: 'acks', partition, id });

  it("Given a valid acknowledgement, Then its record's identity is its inbox id", () => {
    expect(decodePartnerAcknowledgement(message(JSON.stringify(ack)), at(2))).toEqual({
      ok: true,
      value: { id: 'acks:2:7:0123456789abcdef0123456789abcdef', type: 'PartnerAcknowledgement', value: ack },
    });
  });

  it('Given a message breaking the contract, Then every error is named (for the dead letter)', () => {
    const result = decodePartnerAcknowledgement(message(JSON.stringify({ ...ack, schemaVersion: 2, acknowledgedAt: 'soon', extra: 1 })), at(0));
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toEqual(expect.arrayContaining([expect.stringContaining('/schemaVersion'), expect.stringContaining('/acknowledgedAt'), expect.stringContaining('(extra)')]));
  });

  it('Given not JSON or too large, Then rejected with the reason', () => {
    expect(decodePartnerAcknowledgement(message('{nope'), at(0))).toMatchObject({ ok: false, errors: [expect.stringContaining('not JSON')] });
    expect(decodePartnerAcknowledgement(message(JSON.stringify({ ...ack, acknowledgedBy: 'x'.repeat(20_000) })), at(0))).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('the limit is')],
    });
  });
});

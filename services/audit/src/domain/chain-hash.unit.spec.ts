import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { canonicalEnvelope, entryHash, GENESIS_HASH } from './chain-hash';

describe('entry hash', () => {
  const envelope = { type: 'WaiverApproved', eventId: 'e-1', data: { note: 'ok "quoted" é', codes: ['VIOLENT_ACTOR'], n: 1.5 }, caseId: 'c-1' };

  it('is SHA-256 over the RFC 8785 form of {position, eventId, caseSeq, envelope, prevHash}', () => {
    const fields = { position: 42, eventId: 'e-1', caseSeq: 3, envelopeText: canonicalEnvelope(envelope), prevHash: GENESIS_HASH };
    const reference = createHash('sha256')
      .update(canonicalize({ prevHash: GENESIS_HASH, position: 42, envelope, caseSeq: 3, eventId: 'e-1' })!)
      .digest('hex');
    expect(entryHash(fields)).toBe(reference);
  });

  it('does not depend on the key order the producer happened to use', () => {
    const reordered = JSON.parse(JSON.stringify({ caseId: 'c-1', data: { n: 1.5, codes: ['VIOLENT_ACTOR'], note: 'ok "quoted" é' }, eventId: 'e-1', type: 'WaiverApproved' }));
    expect(canonicalEnvelope(reordered)).toBe(canonicalEnvelope(envelope));
  });

  it('changes with every hashed field', () => {
    const base = { position: 1, eventId: 'e', caseSeq: 1, envelopeText: '{}', prevHash: GENESIS_HASH };
    const hashes = new Set([
      entryHash(base),
      entryHash({ ...base, position: 2 }),
      entryHash({ ...base, eventId: 'f' }),
      entryHash({ ...base, caseSeq: 2 }),
      entryHash({ ...base, envelopeText: '{"a":1}' }),
      entryHash({ ...base, prevHash: 'f'.repeat(64) }),
    ]);
    expect(hashes.size).toBe(6);
  });
});

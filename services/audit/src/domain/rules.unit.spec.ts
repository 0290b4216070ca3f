import { isWithin, parseAsOf } from './as-of';
import { gapStatus, isEventReference, expectedPredecessor } from './gap-rules';
import { purgeCutoff } from './retention';

describe('asOf', () => {
  it('reads a position or a zoned instant, and refuses anything else', () => {
    expect(parseAsOf('17')).toEqual({ kind: 'position', position: 17 });
    expect(parseAsOf('2024-03-07T10:00:00+01:00')).toMatchObject({ kind: 'time', iso: '2024-03-07T09:00:00.000Z' });
    expect(parseAsOf(undefined)).toEqual({ kind: 'latest' });
    expect(() => parseAsOf('yesterday')).toThrow(expect.objectContaining({ code: 'AUDIT.INVALID_AS_OF' }));
    expect(() => parseAsOf('2024-03-07')).toThrow(expect.objectContaining({ code: 'AUDIT.INVALID_AS_OF' }));
  });

  it('includes an entry up to and including the position or instant', () => {
    const entry = { position: 5, occurredAt: '2024-03-07T10:00:00.000Z' };
    expect(isWithin(parseAsOf('5'), entry)).toBe(true);
    expect(isWithin(parseAsOf('4'), entry)).toBe(false);
    expect(isWithin(parseAsOf('2024-03-07T10:00:00Z'), entry)).toBe(true);
    expect(isWithin(parseAsOf('2024-03-07T09:59:59Z'), entry)).toBe(false);
  });
});

describe('gap rules', () => {
  it('expects the pipeline order and tells partner-message causes from event causes', () => {
    expect(expectedPredecessor('DutyDetermined')).toBe('ThreatReported');
    expect(expectedPredecessor('ThreatReported')).toBeNull();
    expect(isEventReference('0b3e6a8c-1d2f-4a5b-8c7d-9e0f1a2b3c4d')).toBe(true);
    expect(isEventReference('forewarn.partner.acknowledgements.v1:2:117')).toBe(false);
    expect(isEventReference('forewarn.partner.acknowledgements.v1:2:117:0123456789abcdef0123456789abcdef')).toBe(false);
    expect(isEventReference(null)).toBe(false);
  });

  it('is pending during the grace period, missing after it, resolved once closed', () => {
    const detectedAt = '2024-03-07T10:00:00.000Z';
    const t = Date.parse(detectedAt);
    expect(gapStatus({ detectedAt, resolvedAt: null }, t + 1000, 60_000)).toBe('PENDING');
    expect(gapStatus({ detectedAt, resolvedAt: null }, t + 61_000, 60_000)).toBe('MISSING');
    expect(gapStatus({ detectedAt, resolvedAt: detectedAt }, t + 61_000, 60_000)).toBe('RESOLVED');
  });
});

describe('purge cutoff', () => {
  const now = Date.parse('2030-01-01T00:00:00.000Z');
  it('never reaches into the retention period, whatever --before says', () => {
    expect(purgeCutoff('2029-12-31T00:00:00Z', now, 1825)).toEqual({ cutoff: '2025-01-02T00:00:00.000Z', limitedBy: 'retention' });
    expect(purgeCutoff('2020-01-01T00:00:00Z', now, 1825)).toEqual({ cutoff: '2020-01-01T00:00:00.000Z', limitedBy: 'before' });
    expect(() => purgeCutoff('soon', now, 1825)).toThrow(/ISO 8601/);
  });
});

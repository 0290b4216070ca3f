import { isNearWindow, threatWindowOf } from './threat-window';

const reported = (window?: { earliest: string; latest: string }) =>
  JSON.stringify({
    type: 'ThreatReported',
    schemaVersion: 1,
    eventId: 'e-1',
    caseId: 'c-1',
    occurredAt: '2025-06-01T00:00:00Z',
    data: { report: { threat: { type: 'KIDNAPPING', ...(window ? { window } : {}) }, target: { description: 'x' } }, receivedVia: 'HTTP', receivedAt: '2025-06-01T00:00:00Z' },
  });

describe('threatWindowOf', () => {
  it('reads the window of a ThreatReported envelope', () => {
    expect(threatWindowOf(reported({ earliest: '2025-06-02T00:00:00Z', latest: '2025-06-03T00:00:00Z' }))).toEqual({ earliest: '2025-06-02T00:00:00Z', latest: '2025-06-03T00:00:00Z' });
  });

  it('has none for a purged entry, a report without a window, or text that is not an event', () => {
    expect(threatWindowOf(null)).toBeNull();
    expect(threatWindowOf(reported())).toBeNull();
    expect(threatWindowOf('not json')).toBeNull();
  });
});

describe('isNearWindow', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  const window = (earliest: string, latest: string) => ({ earliest, latest });

  it('holds when the window opens within 24 hours or is open now', () => {
    expect(isNearWindow(window('2025-06-02T11:59:00Z', '2025-06-03T00:00:00Z'), now)).toBe(true);
    expect(isNearWindow(window('2025-06-01T10:00:00Z', '2025-06-01T13:00:00Z'), now)).toBe(true);
  });

  it('does not hold for a window more than 24 hours away, or one already closed', () => {
    expect(isNearWindow(window('2025-06-02T12:01:00Z', '2025-06-03T00:00:00Z'), now)).toBe(false);
    expect(isNearWindow(window('2025-05-31T10:00:00Z', '2025-06-01T11:00:00Z'), now)).toBe(false);
  });
});

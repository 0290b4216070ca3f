import { deadLetterView, type DeadLetterLine } from './dead-letter-view';

const letter = (extra: Partial<DeadLetterLine> = {}): DeadLetterLine => ({
  deadLetterId: 'dl-1',
  reason: 'SCHEMA_INVALID',
  errors: ['/threat/type: must be equal to one of the allowed values'],
  sourceTopic: 'forewarn.partner.threat-reports.v1',
  partition: 2,
  offset: '17',
  key: 'R-1',
  consumer: 'intake.partner-reports',
  attempts: 1,
  failedAt: '2025-06-01T12:00:00.000Z',
  payloadSummary: { json: false, preview: 'A militia plans to abduct a US journalist', bytes: 41 },
  redriveCount: 0,
  lastRedrivenAt: null,
  lastRedrivenBy: null,
  ...extra,
});

describe('deadLetterView', () => {
  it('shows reason, source, payload kind and size, but not the payload text', () => {
    const view = deadLetterView(letter());
    expect(view).toMatchObject({ reason: 'SCHEMA_INVALID', sourceTopic: 'forewarn.partner.threat-reports.v1', partition: 2, offset: '17', payload: { json: false, type: null, bytes: 41 } });
    expect(JSON.stringify(view)).not.toContain('journalist');
  });

  it('keeps five reasons, each at most 300 characters, and says how many more there were', () => {
    const view = deadLetterView(letter({ errors: ['x'.repeat(1000), 'b', 'c', 'd', 'e', 'f', 'g'] }));
    expect(view.errors).toHaveLength(5);
    expect(view.errors[0]).toHaveLength(301);
    expect(view.moreErrors).toBe(2);
  });
});

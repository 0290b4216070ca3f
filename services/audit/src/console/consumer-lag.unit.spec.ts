import { forewarnGroup, partitionLags } from './consumer-lag';

describe('forewarnGroup', () => {
  it('knows a group of this deployment by its prefix and service name', () => {
    expect(forewarnGroup('e2e-ab12.waiver-review.duty-determinations', 'e2e-ab12.')).toEqual({ service: 'waiver-review', consumer: 'waiver-review.duty-determinations' });
    expect(forewarnGroup('audit.case-log', '')).toEqual({ service: 'audit', consumer: 'audit.case-log' });
  });

  it("ignores another deployment's groups and groups that are not Forewarn's", () => {
    expect(forewarnGroup('e2e-ffff.audit.case-log', 'e2e-ab12.')).toBeNull();
    expect(forewarnGroup('e2e-ab12.audit.case-log', '')).toBeNull();
    expect(forewarnGroup('connect-cluster', '')).toBeNull();
  });
});

describe('partitionLags', () => {
  const ends = new Map([
    ['t.events', [{ partition: 1, high: '40', low: '0' }, { partition: 0, high: '10', low: '0' }]],
    ['t.other', [{ partition: 0, high: '7', low: '5' }]],
  ]);

  it('is the log end minus the committed offset, per partition, in partition order', () => {
    const lags = partitionLags(['t.events'], [{ topic: 't.events', partitions: [{ partition: 0, offset: '10' }, { partition: 1, offset: '25' }] }], ends);
    expect(lags).toEqual([
      { topic: 't.events', partition: 0, committed: 10, end: 10, lag: 0 },
      { topic: 't.events', partition: 1, committed: 25, end: 40, lag: 15 },
    ]);
  });

  it('counts every retained message of a partition the group never committed on', () => {
    const lags = partitionLags(['t.events', 't.other'], [{ topic: 't.events', partitions: [{ partition: 0, offset: '-1' }] }], ends);
    expect(lags.map((l) => [l.topic, l.partition, l.committed, l.lag])).toEqual([
      ['t.events', 0, null, 10],
      ['t.events', 1, null, 40],
      ['t.other', 0, null, 2],
    ]);
  });

  it('never reports negative lag when a commit is ahead of a stale high watermark', () => {
    const lags = partitionLags(['t.other'], [{ topic: 't.other', partitions: [{ partition: 0, offset: '9' }] }], ends);
    expect(lags[0].lag).toBe(0);
  });
});

import { bucketFlow, PARTNER_REPORTS_TOPIC } from './flow-buckets';

const now = Date.parse('2025-06-01T12:30:40Z');
const at = (hhmm: string) => `2025-06-01T${hhmm}:00.000Z`;
const stage = (series: ReturnType<typeof bucketFlow>, name: string) => {
  const found = series.stages.find((s) => s.stage === name);
  if (!found) throw new Error(`no stage ${name}`);
  return found;
};

describe('bucketFlow', () => {
  it('gives one zero-filled bucket per minute, ending with the current minute', () => {
    const series = bucketFlow([], now, 3);
    expect(series.minutes).toEqual([at('12:28'), at('12:29'), at('12:30')]);
    expect(series.stages.map((s) => s.stage)).toEqual(['intake', 'assessment', 'waiver-review', 'notification']);
    expect(stage(series, 'assessment')).toEqual({ stage: 'assessment', in: [0, 0, 0], out: [0, 0, 0] });
  });

  it('counts a ThreatReported as out of intake and into assessment, in its minute', () => {
    const series = bucketFlow([{ minute: at('12:29'), type: 'ThreatReported', detail: null, cases: 4 }], now, 3);
    expect(stage(series, 'intake').out).toEqual([0, 4, 0]);
    expect(stage(series, 'assessment').in).toEqual([0, 4, 0]);
  });

  it('keeps a case that needs an analyst inside assessment, and sends only DUTY cases on to review', () => {
    const series = bucketFlow(
      [
        { minute: at('12:30'), type: 'DutyDetermined', detail: 'NEEDS_ANALYST', cases: 2 },
        { minute: at('12:30'), type: 'DutyDetermined', detail: 'DUTY', cases: 3 },
        { minute: at('12:30'), type: 'DutyDetermined', detail: 'NO_DUTY', cases: 1 },
      ],
      now,
      2,
    );
    expect(stage(series, 'assessment').out).toEqual([0, 4]);
    expect(stage(series, 'waiver-review').in).toEqual([0, 3]);
  });

  it('lets notification out only on delivery or a final failure', () => {
    const series = bucketFlow(
      [
        { minute: at('12:30'), type: 'WarningDeliveryFailed', detail: 'false', cases: 5 },
        { minute: at('12:30'), type: 'WarningDeliveryFailed', detail: 'true', cases: 1 },
        { minute: at('12:30'), type: 'WarningDelivered', detail: null, cases: 2 },
      ],
      now,
      1,
    );
    expect(stage(series, 'notification').out).toEqual([3]);
  });

  it('counts partner messages intake dead-lettered as intake input, and ignores minutes outside the window', () => {
    const series = bucketFlow(
      [
        { minute: new Date(at('12:30')), type: 'DeadLettered', detail: PARTNER_REPORTS_TOPIC, cases: 2 },
        { minute: at('12:30'), type: 'DeadLettered', detail: 'forewarn.assessment.events.v1', cases: 7 },
        { minute: at('12:10'), type: 'ThreatReported', detail: null, cases: 9 },
        { minute: at('12:31'), type: 'ThreatReported', detail: null, cases: 9 },
      ],
      now,
      2,
    );
    expect(stage(series, 'intake')).toEqual({ stage: 'intake', in: [0, 2], out: [0, 0] });
  });
});

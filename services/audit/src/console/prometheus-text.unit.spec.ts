import { consumerTopics, parsePrometheusText, serviceMetrics } from './prometheus-text';

const scrape = `# HELP forewarn_outbox_backlog Outbox rows written but not yet published
# TYPE forewarn_outbox_backlog gauge
forewarn_outbox_backlog{service="intake"} 3
forewarn_events_handled_total{consumer="intake.partner-reports",type="ThreatReportSubmission",result="handled",service="intake"} 12
forewarn_events_handled_total{consumer="intake.partner-reports",type="x",result="duplicate",service="intake"} 4
forewarn_dead_letters_total{consumer="intake.partner-reports",topic="t",reason="SCHEMA_INVALID",service="intake"} 2
forewarn_consumer_lag{consumer="a",topic="t",partition="0",service="intake"} 7
forewarn_consumer_lag{consumer="a",topic="t",partition="1",service="intake"} 1
forewarn_handler_duration_seconds_bucket{le="+Inf",consumer="a",mode="batch",service="intake"} 5
forewarn_consumer_log_replaced_timestamp_seconds{consumer="intake.partner-reports",topic="t",partition="0",kind="cluster-changed",service="intake"} 1796100000
forewarn_consumer_log_replaced_timestamp_seconds{consumer="intake.partner-reports",topic="t",partition="2",kind="offset-reused",service="intake"} 1796100060.5
weird_label{note="a \\"quoted\\" value, with comma"} 1.5e3
`;

describe('parsePrometheusText', () => {
  it('reads names, labels (with escaped quotes) and values, skipping comments', () => {
    const samples = parsePrometheusText(scrape);
    expect(samples).toHaveLength(10);
    expect(samples[0]).toEqual({ name: 'forewarn_outbox_backlog', labels: { service: 'intake' }, value: 3 });
    expect(samples[6].labels.le).toBe('+Inf');
    expect(samples[9]).toEqual({ name: 'weird_label', labels: { note: 'a "quoted" value, with comma' }, value: 1500 });
  });
});

describe('serviceMetrics', () => {
  it('sums what the console shows per service: backlog, handled, dead-lettered, retries, worst lag, replaced logs (latest first)', () => {
    expect(serviceMetrics(parsePrometheusText(scrape))).toEqual({
      outboxBacklog: 3,
      eventsHandled: 12,
      deadLettered: 2,
      retries: 0,
      consumerLagMax: 7,
      logReplacements: [
        { consumer: 'intake.partner-reports', topic: 't', partition: 2, kind: 'offset-reused', at: '2026-12-01T04:41:00.500Z' },
        { consumer: 'intake.partner-reports', topic: 't', partition: 0, kind: 'cluster-changed', at: '2026-12-01T04:40:00.000Z' },
      ],
    });
  });

  it('is all zeros for a service that has not handled anything yet', () => {
    expect(serviceMetrics([])).toEqual({ outboxBacklog: 0, eventsHandled: 0, deadLettered: 0, retries: 0, consumerLagMax: 0, logReplacements: [] });
  });
});

describe('consumerTopics', () => {
  it("names the topics each consumer reads, from its lag gauge's labels", () => {
    const samples = parsePrometheusText(`${scrape}forewarn_consumer_lag{consumer="a",topic="u",partition="0",service="intake"} 0\n`);
    expect(consumerTopics(samples)).toEqual(new Map([['a', ['t', 'u']]]));
  });
});

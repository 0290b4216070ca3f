import { demoReports, killRounds, newRunId, RunningSystem } from '@forewarn/demo';
import { freeBasePort, waitFor } from '@forewarn/testing';

/**
 * Two processes of every service, as `./forewarn start --instances 2` runs them: they share the
 * partitions of their consumer groups, the deadline scan escalates an overdue review once across
 * both waiver-review processes, and two audit processes append one intact chain.
 */
describe('two instances of every service', () => {
  let system: RunningSystem;
  const runId = newRunId();
  const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
  const reports = demoReports(runId);

  beforeAll(async () => {
    // The drill policy: a review of a near threat falls due a minute after it opens.
    system = new RunningSystem(await freeBasePort(4701, 10), { FOREWARN_POLICY_VERSION: 'icd191-2015.1-drill', WAIVER_DEADLINE_SCAN_MS: '500', LOG_LEVEL: 'warn' }, undefined, 2);
    await system.start();
  }, 180_000);

  afterAll(async () => system?.stop());

  /** Messages a process's consumers handled, from its own /metrics. */
  const handled = async (url: string) =>
    (await (await fetch(`${url}/metrics`)).text())
      .split('\n')
      .filter((l) => l.startsWith('forewarn_events_handled_total{') && l.includes('result="handled"'))
      .reduce((n, l) => n + Number(l.split(' ').pop()), 0);

  it('shares the work, escalates an overdue review once, and keeps one intact audit chain', async () => {
    // Waiver proposed (a listed violent actor): the review waits for a person and goes overdue.
    const overdue = { ...reports.terrorist, reportId: `SCALE-${runId}-OVERDUE`, threat: { ...reports.terrorist.threat, window: { earliest: hours(2), latest: hours(4) } } };
    const { body } = await system.client.submitReport(overdue);
    const overdueCase = body.caseId as string;

    // Load through both intakes (the partner topic's partitions are split between them), with the
    // second notification process killed and restarted mid-round.
    const [round] = await killRounds(system, { rounds: 1, cases: 300, services: ['notification-2'] });
    expect(round).toMatchObject({ cases: 300, warnings: 300, duplicateWarnings: 0, missingWarnings: 0, duplicateStatuses: 0 });

    for (const i of system.instances) {
      // notification-2 was restarted: its counters began again, but it took partitions back.
      if (i.name === 'notification-2') continue;
      expect({ instance: i.name, handled: (await handled(i.url)) > 0 }).toEqual({ instance: i.name, handled: true });
    }

    const escalated = await system.client.waitForEvents(overdueCase, (events) => events.some((e) => e.type === 'WaiverReviewEscalated'), 120_000);
    // Several scans of both processes later, still once.
    await new Promise((r) => setTimeout(r, 3_000));
    const events = (await system.client.caseEvents(overdueCase)).body.events;
    expect(events.filter((e) => e.type === 'WaiverReviewEscalated')).toHaveLength(1);
    expect(escalated.length).toBeGreaterThan(0);

    const integrity = await waitFor('the audit chain to be checked', async () => {
      const res = await system.client.call('GET', `${system.urls.audit}/v1/audit/integrity`, 'auditor');
      return res.status === 200 && res.body;
    });
    expect(integrity).toMatchObject({ status: 'INTACT' });
  }, 400_000);
});

import { demoReports, newRunId, RunningSystem, scenarios, type LoggedEvent } from '@forewarn/demo';
import type { ThreatReportSubmission } from '@forewarn/contracts';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * The duty-to-warn pipeline end to end: five real service processes, the real broker and
 * database, driven only through the public HTTP APIs. Warnings go to a webhook that fails
 * twice per warning before it accepts.
 */
describe('the duty-to-warn pipeline, end to end', () => {
  const webhook = new WebhookReceiver(2);
  let system: RunningSystem;
  const runId = newRunId();

  beforeAll(async () => {
    const url = await webhook.start();
    system = new RunningSystem(4101, { NOTIFICATION_WEBHOOK_URL: url, NOTIFICATION_RETRY_BASE_MS: '200', NOTIFICATION_POLL_MS: '100' });
    await system.start();
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
    await webhook.stop();
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('scenario %s reaches its expected terminal state', async (_name, scenario) => {
    const result = await scenario.play(system.client, runId);
    expect(result.outcome.startsWith(scenario.expected)).toBe(true);
  }, 90_000);

  it('refuses a waiver approved by the person who requested it', async () => {
    const report = { ...demoReports(runId).terrorist, reportId: `E2E-${runId}-SELF` };
    const { body } = await system.client.submitReport(report);
    await system.client.waitForEvents(body.caseId, (es) => es.some((e) => e.type === 'WaiverReviewOpened'));
    const request = await system.client.requestWaiver(body.caseId, ['VIOLENT_ACTOR'], 'Listed commander.', 'analystReviewer');
    expect(request.status).toBe(201);

    const self = await system.client.decideWaiver(body.caseId, request.body.requestId, 'APPROVE', 'my own', 'analystReviewer');
    expect(self.status).toBe(403);
    expect(self.body).toMatchObject({ code: 'WAIVER.SELF_APPROVAL' });
    expect(self.body.message).toMatch(/requested/i);

    const review = await system.client.waiverReview(body.caseId);
    expect(JSON.stringify(review.body)).not.toMatch(/APPROVED/);
  }, 60_000);

  it('delivers each warning exactly once to a webhook that failed twice first', async () => {
    const warned: string[] = [];
    for (const r of [demoReports(runId).crocus, demoReports(runId).journalist]) {
      const report = { ...r, reportId: `E2E-${runId}-${r.reportId}` };
      const { body } = await system.client.submitReport(report);
      const events = await system.client.waitForEvents(body.caseId, (es) => es.some((e) => e.type === 'WarningDelivered'));
      const key = events.find((e) => e.type === 'WarningDispatched')!.data.idempotencyKey as string;
      expect(events.filter((e) => e.type === 'WarningDeliveryFailed')).toHaveLength(2);
      expect(webhook.attempts.get(key)).toBe(3);
      expect(webhook.accepted.has(key)).toBe(true);
      expect(webhook.repeats.get(key)).toBeUndefined();
      warned.push(key);
    }
    expect(new Set(warned).size).toBe(2);
  }, 90_000);

  it('sends no source, method or classification string of a report in any outbound warning', async () => {
    const reports = Object.values(demoReports(runId));
    const secrets = reports.flatMap((r: ThreatReportSubmission) => [r.sensitive.classification, ...r.sensitive.sources, ...r.sensitive.methods, r.sensitive.collectionDetails ?? '']).filter(Boolean);
    expect(webhook.accepted.size).toBeGreaterThan(0);
    for (const { body } of webhook.accepted.values()) {
      const sent = JSON.stringify(body);
      for (const secret of secrets) expect(sent).not.toContain(secret);
      expect(sent).not.toMatch(/TOP SECRET|NOFORN|\/\/SI/);
    }
  });

  it('brings every case to its terminal state with no duplicate warning when services are killed mid-flow', async () => {
    const base = demoReports(runId).crocus;
    const caseIds: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { status, body } = await system.client.submitReport({ ...base, reportId: `E2E-${runId}-KILL-${i}` });
      expect(status).toBe(201);
      caseIds.push(body.caseId);
      if (i === 3) await system.kill('waiver-review');
      if (i === 6) await system.kill('notification');
      if (i === 8) await system.kill('assessment');
    }
    await system.restart('assessment');
    await system.restart('waiver-review');
    await system.restart('notification');

    const delivered: LoggedEvent[][] = [];
    for (const caseId of caseIds) delivered.push(await system.client.waitForEvents(caseId, (es) => es.some((e) => e.type === 'WarningDelivered'), 120_000));
    // Let any (wrong) second delivery surface before counting.
    await new Promise((r) => setTimeout(r, 2_000));
    for (const [i, caseId] of caseIds.entries()) {
      const events = (await system.client.caseEvents(caseId)).body.events;
      expect(events.filter((e) => e.type === 'WarningDelivered')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'DutyDetermined')).toHaveLength(1);
      const key = delivered[i].find((e) => e.type === 'WarningDispatched')!.data.idempotencyKey as string;
      expect(webhook.accepted.has(key)).toBe(true);
    }
    const keys = delivered.map((es) => es.find((e) => e.type === 'WarningDispatched')!.data.idempotencyKey);
    expect(new Set(keys).size).toBe(caseIds.length);
  }, 300_000);
});

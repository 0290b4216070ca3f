import { Client } from 'pg';
import { demoReports, newRunId, RunningSystem } from '@forewarn/demo';
import { FaultProxy, freeBasePort, LocalBroker, testDatabaseServerUrl, waitFor } from '@forewarn/testing';
import { PartnerAgency } from './support/partner-agency';

/**
 * Degraded, not down. With PostgreSQL unreachable every service says it is not ready, answers
 * HTTP with 503 and Retry-After, and pauses its consumers (no crash loop, no dead letter, no
 * restart); with Kafka unreachable intake still takes reports into its outbox. Each comes back
 * by itself when the dependency does, and the test prints how long that took.
 */
const services = ['intake', 'assessment', 'waiver-review', 'notification', 'audit'] as const;

/** A counter's total over its labels, from a process's /metrics. */
async function metricTotal(url: string, name: string, filter = ''): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) && l.includes(filter))
    .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
}

const readiness = async (url: string) => (await fetch(`${url}/health/ready`).catch(() => undefined))?.status;

describe('PostgreSQL unreachable', () => {
  const runId = newRunId();
  const base = demoReports(runId).crocus;
  let proxy: FaultProxy;
  let system: RunningSystem;
  let nctc: PartnerAgency;
  let fsb: PartnerAgency;

  beforeAll(async () => {
    proxy = await FaultProxy.inFrontOf(testDatabaseServerUrl());
    system = new RunningSystem(await freeBasePort(4801), { DATABASE_URL: proxy.url, LOG_LEVEL: 'warn' });
    await system.start();
    nctc = new PartnerAgency('NCTC', system.client.partnerKafka('NCTC'));
    fsb = new PartnerAgency('FSB', system.client.partnerKafka('FSB'));
    await Promise.all([nctc.connect(), fsb.connect()]);
  }, 180_000);

  afterAll(async () => {
    await proxy?.heal();
    await Promise.all([nctc?.disconnect(), fsb?.disconnect()]);
    await system?.stop();
    await proxy?.stop();
  }, 60_000);

  it('reports not ready, answers 503 with Retry-After, pauses its consumers, and resumes by itself', async () => {
    const reports = (tag: string, n: number) => Array.from({ length: n }, (_, i) => ({ ...base, reportId: `DEGRADED-${runId}-${tag}-${i}` }));
    const before = reports('before', 9);
    await nctc.report(before);
    await fsb.warned(await nctc.casesOf(before.map((r) => r.reportId)));

    await proxy.cutOff();
    const cutAt = Date.now();
    await waitFor('every service to say it is not ready', async () => (await Promise.all(services.map((s) => readiness(system.urls[s])))).every((s) => s === 503), 15_000, 200);
    const notReadyMs = Date.now() - cutAt;

    // A command and a query, each refused for now with a time to come back.
    const command = await fetch(`${system.urls.intake}/v1/threat-reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${system.client.token('submitter')}` },
      body: JSON.stringify({ ...base, reportId: `DEGRADED-${runId}-http` }),
    });
    expect({ status: command.status, retryAfter: command.headers.get('retry-after') }).toEqual({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
    expect(await command.json()).toMatchObject({ statusCode: 503, message: expect.stringContaining('database') });
    const query = await system.client.call('GET', `${system.urls.audit}/v1/audit/cases?limit=1`, 'auditor');
    expect(query.status).toBe(503);

    // Reports arrive while the database is away, and it stays away longer than any retry schedule.
    const during = reports('during', 30);
    await nctc.report(during);
    await new Promise((r) => setTimeout(r, 20_000));
    for (const s of services) expect({ service: s, exited: system.processes.get(s)!.exitCode }).toEqual({ service: s, exited: null });

    await proxy.heal();
    const healedAt = Date.now();
    await waitFor('every service to be ready again', async () => (await Promise.all(services.map((s) => readiness(system.urls[s])))).every((s) => s === 200), 60_000, 200);
    const readyMs = Date.now() - healedAt;
    await fsb.warned(await nctc.casesOf(during.map((r) => r.reportId), 120_000), 120_000);
    const drainedMs = Date.now() - healedAt;

    // An outage taken for the message's fault would be dead-lettered as RETRIES_EXHAUSTED (the
    // suite's shared topics hold other tests' invalid or refused reports, letters of other reasons).
    for (const s of services) {
      const url = system.urls[s];
      expect({
        service: s,
        restarts: await metricTotal(url, 'forewarn_consumer_restarts_total'),
        retriesExhausted: await metricTotal(url, 'forewarn_dead_letters_total', 'reason="RETRIES_EXHAUSTED"'),
      }).toEqual({ service: s, restarts: 0, retriesExhausted: 0 });
    }
    console.log(`PostgreSQL unreachable 20 s: not ready after ${notReadyMs} ms; ready again ${readyMs} ms after it returned; the ${during.length} reports sent meanwhile warned ${drainedMs} ms after`);
  }, 300_000);
});

describe('Kafka unreachable', () => {
  const runId = newRunId();
  const base = demoReports(runId).crocus;
  let broker: LocalBroker;
  let system: RunningSystem;

  beforeAll(async () => {
    broker = await LocalBroker.fresh(19_400, 'degraded');
    system = new RunningSystem(await freeBasePort(4851), { KAFKA_BROKERS: broker.brokers, LOG_LEVEL: 'warn' });
    await system.start();
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
    await broker?.wipe();
  }, 60_000);

  it('takes reports into the outbox while the broker is away, and delivers them when it returns', async () => {
    const warmUp = await system.client.submitReport({ ...base, reportId: `KAFKA-DOWN-${runId}-warm` });
    await system.client.waitForEvents(warmUp.body.caseId, (events) => events.some((e) => e.type === 'WarningDelivered'), 60_000);

    await broker.stop();
    const submitted: string[] = [];
    const tookMs: number[] = [];
    for (let i = 0; i < 20; i++) {
      const sentAt = Date.now();
      const res = await system.client.submitReport({ ...base, reportId: `KAFKA-DOWN-${runId}-${i}` });
      tookMs.push(Date.now() - sentAt);
      expect({ i, status: res.status }).toEqual({ i, status: 201 });
      submitted.push(res.body.caseId);
    }
    // Each report's events wait in intake's outbox, committed with the case.
    const db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
    const [{ unsent }] = (await db.query(`SELECT count(*)::int AS unsent FROM intake.outbox WHERE sent_at IS NULL`)).rows;
    await db.end();
    expect(unsent).toBeGreaterThanOrEqual(submitted.length);

    await broker.start();
    const backAt = Date.now();
    for (const caseId of submitted) await system.client.waitForEvents(caseId, (events) => events.some((e) => e.type === 'WarningDelivered'), 120_000);
    const drainedMs = Date.now() - backAt;
    for (const s of services) expect({ service: s, exited: system.processes.get(s)!.exitCode }).toEqual({ service: s, exited: null });
    const medianMs = tookMs.sort((a, b) => a - b)[Math.floor(tookMs.length / 2)];
    console.log(`Kafka unreachable: ${submitted.length} reports taken while it was down (median ${medianMs} ms per request); every one warned ${drainedMs} ms after the broker returned`);
  }, 300_000);
});

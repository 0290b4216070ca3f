import { Client } from 'pg';
import { partnerTopic, type ThreatReportSubmission } from '@forewarn/contracts';
import { demoReports, newRunId, RunningSystem } from '@forewarn/demo';
import { kafkaPort, type RecordPublisher } from '@forewarn/eventing';
import { FaultProxy, freeBasePort, testDatabaseServerUrl, waitFor } from '@forewarn/testing';
import { PartnerAgency } from './support/partner-agency';

/**
 * Nothing secret in logs. Reports carry a unique canary in every free-text and sensitive field;
 * they go in over HTTP and the partner topic, down the happy path and every failure path we can
 * force on the real system (a refused request, constraint violations, dead letters, a re-drive,
 * the database cut mid-insert), with the services logging at debug. No canary may appear in
 * any line any service wrote, nor in a dead letter's reasons.
 */
const services = ['intake', 'assessment', 'waiver-review', 'notification', 'audit'] as const;

describe('log secrecy', () => {
  const runId = newRunId();
  const base = demoReports(runId);
  /** Canary -> the field it was put in. Short, so a value cut short (PostgreSQL's row detail, V8's JSON error) still shows one whole. */
  const canaries = new Map<string, string>();
  const canary = (field: string) => {
    const value = `Q${runId}${String(canaries.size).padStart(3, '0')}`;
    canaries.set(value, field);
    return value;
  };

  /** A report with a canary in every field that is not an identifier or a code. */
  function canaried(from: ThreatReportSubmission, reportId: string, opts: { protector?: 'keep' | 'canary' } = {}): ThreatReportSubmission {
    const protector = from.target.protector && (opts.protector === 'keep' ? from.target.protector : { ...from.target.protector, name: canary(`${reportId} target.protector.name`) });
    return {
      ...from,
      reportId: `LOGS-${runId}-${reportId}`,
      threat: {
        ...from.threat,
        description: canary(`${reportId} threat.description`),
        perpetrators: canary(`${reportId} threat.perpetrators`),
        location: { description: canary(`${reportId} threat.location.description`), countryCode: from.threat.location?.countryCode ?? 'US' },
      },
      target: { ...from.target, description: canary(`${reportId} target.description`), name: canary(`${reportId} target.name`), ...(protector ? { protector } : {}) },
      releasableSummary: canary(`${reportId} releasableSummary`),
      sensitive: {
        classification: canary(`${reportId} sensitive.classification`),
        sources: [canary(`${reportId} sensitive.sources[0]`), canary(`${reportId} sensitive.sources[1]`)],
        methods: [canary(`${reportId} sensitive.methods[0]`), canary(`${reportId} sensitive.methods[1]`)],
        collectionDetails: canary(`${reportId} sensitive.collectionDetails`),
      },
    };
  }

  let proxy: FaultProxy;
  let system: RunningSystem;
  let nctc: PartnerAgency;
  let fsb: PartnerAgency;
  let raw: RecordPublisher;
  let admin: Client;

  beforeAll(async () => {
    proxy = await FaultProxy.inFrontOf(testDatabaseServerUrl());
    system = new RunningSystem(await freeBasePort(4551), { DATABASE_URL: proxy.url, LOG_LEVEL: 'debug' });
    system.logLines = Infinity;
    await system.start();
    nctc = new PartnerAgency('NCTC', system.client.partnerKafka('NCTC'));
    fsb = new PartnerAgency('FSB', system.client.partnerKafka('FSB'));
    raw = kafkaPort('log-secrecy-nctc', system.client.partnerKafka('NCTC')).publisher();
    admin = new Client({ connectionString: system.databaseUrl });
    await Promise.all([nctc.connect(), fsb.connect(), raw.connect(), admin.connect()]);
  }, 180_000);

  afterAll(async () => {
    await proxy?.heal();
    await Promise.all([nctc?.disconnect(), fsb?.disconnect(), raw?.disconnect(), admin?.end()]);
    await system?.stop();
    await proxy?.stop();
  }, 60_000);

  const post = (report: unknown) => system.client.submitReport(report as ThreatReportSubmission);
  const deadLetters = async () =>
    (await system.client.call<Array<{ deadLetterId: string; key: string | null; reason: string; errors: string[] }>>('GET', `${system.urls.audit}/v1/dead-letters?limit=500`, 'operator')).body;
  const lettersFor = async (keys: string[], count = 1) =>
    waitFor(`dead letters for ${keys.join(', ')}`, async () => {
      const letters = (await deadLetters()).filter((l) => l.key !== null && keys.includes(l.key));
      return keys.every((k) => letters.filter((l) => l.key === k).length >= count) && letters;
    }, 90_000, 500);

  it('writes no report content to any service log, on the happy path or a failure path', async () => {
    // The happy path, both ways in, each twice (the second is a duplicate), and a waiver with a justification.
    const viaHttp = canaried(base.crocus, 'http', { protector: 'keep' });
    const viaKafka = canaried(base.crocus, 'kafka', { protector: 'keep' });
    const waived = canaried(base.terrorist, 'waived');
    expect((await post(viaHttp)).status).toBe(201);
    expect((await post(viaHttp)).status).toBe(200);
    await nctc.report([viaKafka, viaKafka]);
    const waivedCase = (await post(waived)).body.caseId;
    expect((await post({ ...canaried(base.crocus, 'invalid'), threat: { ...base.crocus.threat, type: 'NOT_A_TYPE', description: canary('invalid threat.description') } })).status).toBe(400);
    const notJson = await fetch(`${system.urls.intake}/v1/threat-reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${system.client.token('submitter')}` },
      body: `${canary('HTTP body not JSON')} {"releasableSummary": "${canary('HTTP body not JSON, inside')}"`,
    });
    expect(notJson.status).toBe(400);
    const warned = await nctc.casesOf([viaHttp.reportId, viaKafka.reportId]);
    await fsb.warned(warned);
    await system.client.waitForEvents(waivedCase, (es) => es.some((e) => e.type === 'WaiverReviewOpened'));
    const request = await system.client.requestWaiver(waivedCase, ['VIOLENT_ACTOR'], canary('waiver justification'), 'analystReviewer');
    expect(request).toMatchObject({ status: 201 });
    expect(await system.client.decideWaiver(waivedCase, request.body.requestId, 'APPROVE', canary('waiver decision note'))).toMatchObject({ status: 201 });
    await system.client.waitForEvents(waivedCase, (es) => es.some((e) => e.type === 'WaiverApproved'));

    // Inserts that fail: a check violation (PostgreSQL's detail holds the row) and a unique
    // violation (its detail holds the key's value), staged on intake's real table. Both only for
    // this run's reports: the shared partner topic also holds other runs', which intake reads too.
    await admin.query(`ALTER TABLE intake.threat_reports ADD CONSTRAINT log_secrecy_refuses CHECK (report->>'releasableSummary' NOT LIKE 'REFUSED ${runId}%')`);
    await admin.query(
      `CREATE UNIQUE INDEX log_secrecy_one_per_classification ON intake.threat_reports ((report->'sensitive'->>'classification')) WHERE report->'sensitive'->>'classification' LIKE 'Q${runId}%'`,
    );
    const refused = (r: ThreatReportSubmission) => ({ ...r, releasableSummary: `REFUSED ${runId} ${r.releasableSummary}` });
    const clashing = (r: ThreatReportSubmission) => ({ ...r, sensitive: { ...r.sensitive, classification: viaHttp.sensitive.classification } });
    expect((await post(refused(canaried(base.journalist, 'http-check')))).status).toBe(500);
    expect((await post(clashing(canaried(base.journalist, 'http-unique')))).status).toBe(500);

    // The same through Kafka, retried then dead-lettered; a report naming another agency; one that is not JSON; one off the schema.
    const kafkaCheck = refused(canaried(base.journalist, 'kafka-check'));
    const kafkaUnique = clashing(canaried(base.journalist, 'kafka-unique'));
    const mismatch = { ...canaried(base.crocus, 'mismatch'), sourceAgency: 'FSB' };
    const offSchema = { ...canaried(base.crocus, 'off-schema'), reportedAt: 'yesterday' };
    const garbled = `LOGS-${runId}-not-json`;
    await nctc.report([kafkaCheck, kafkaUnique, mismatch, offSchema]);
    await raw.send({ topic: partnerTopic('NCTC', 'threat-reports'), messages: [{ key: garbled, value: `${canary('Kafka value not JSON')} {"reportId": "${canary('Kafka value not JSON, inside')}"` }] });
    const letters = await lettersFor([kafkaCheck.reportId, kafkaUnique.reportId, mismatch.reportId, offSchema.reportId, garbled]);
    expect(Object.fromEntries(letters.map((l) => [l.key, l.reason]))).toEqual({
      [kafkaCheck.reportId]: 'RETRIES_EXHAUSTED',
      [kafkaUnique.reportId]: 'RETRIES_EXHAUSTED',
      [mismatch.reportId]: 'REJECTED',
      [offSchema.reportId]: 'SCHEMA_INVALID',
      [garbled]: 'SCHEMA_INVALID',
    });
    // An operator re-drives one: it fails again, on the audit service's re-drive path too.
    const [checkLetter] = letters.filter((l) => l.key === kafkaCheck.reportId);
    expect((await system.client.call('POST', `${system.urls.audit}/v1/dead-letters/${encodeURIComponent(checkLetter.deadLetterId)}/redrive`, 'operator', { note: canary('re-drive note') })).status).toBe(202);
    const redriven = await lettersFor([kafkaCheck.reportId], 2);

    // The database cut while inserts wait on a lock: the statements fail mid-flight, with their parameters.
    const locker = new Client({ connectionString: system.databaseUrl });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE intake.threat_reports IN ACCESS EXCLUSIVE MODE');
    const cutHttp = canaried(base.journalist, 'cut-http');
    const cutKafka = canaried(base.journalist, 'cut-kafka');
    const pending = post(cutHttp);
    await nctc.report([cutKafka]);
    const database = system.databaseEnv().FOREWARN_DATABASE;
    await waitFor('both inserts to wait on the lock', async () => {
      const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO threat_reports%'`, [database]);
      return rows[0].n >= 2;
    }, 30_000, 100);
    await proxy.cutOff();
    expect((await pending).status).toBe(503);
    await locker.query('ROLLBACK');
    await locker.end();
    await proxy.heal();
    await system.waitAllReady();
    await nctc.casesOf([cutKafka.reportId], 120_000);

    // Lines still on their way through the pipes.
    await new Promise((r) => setTimeout(r, 2_000));
    const lines = [...system.logs].flatMap(([service, log]) => log.map((line) => ({ service, line })));
    const leaks = lines.flatMap(({ service, line }) =>
      [...canaries].filter(([value]) => line.includes(value) || line.includes(bytesOf(value))).map(([value, field]) => ({ service, field, line: excerpt(line, value) })),
    );
    const perService = Object.fromEntries(services.map((s) => [s, leaks.filter((l) => l.service === s).length]));
    const distinct = new Set(leaks.map((l) => l.field)).size;
    // This run's letters, as found when they came: the list shows the newest 500 of every run's on the shared topic.
    const reasons = [...letters, ...redriven].flatMap((l) => l.errors.filter((e) => [...canaries.keys()].some((c) => e.includes(c))).map((e) => `${l.key}: ${e}`));
    expect({ leaks: leaks.length, distinct, perService, examples: leaks.slice(0, 8), deadLetterReasons: reasons }).toEqual({
      leaks: 0,
      distinct: 0,
      perService: Object.fromEntries(services.map((s) => [s, 0])),
      examples: [],
      deadLetterReasons: [],
    });
    // The failures were logged (else an absent line would pass): as errors with their code and identifiers.
    const intake = lines.filter((l) => l.service === 'intake' && l.line.startsWith('{')).map((l) => JSON.parse(l.line) as Record<string, unknown> & { err?: Record<string, unknown> });
    expect(intake.some((l) => l.msg === 'request errored' && l.err?.code === '23514' && l.err?.constraint === 'log_secrecy_refuses')).toBe(true);
    expect(intake.some((l) => l.msg === 'request errored' && l.err?.code === '23505' && l.err?.constraint === 'log_secrecy_one_per_classification')).toBe(true);
    expect(intake.find((l) => l.msg === 'dead-lettering message' && l.err?.code === '23514')).toMatchObject({
      err: { type: 'QueryFailedError', constraint: 'log_secrecy_refuses' },
      topic: partnerTopic('NCTC', 'threat-reports'),
      partition: expect.any(Number),
      offset: expect.stringMatching(/^\d+$/),
    });
    console.log(`log secrecy: ${canaries.size} canaries, ${lines.length} log lines of ${services.length} services at debug, none leaked`);
  }, 600_000);
});

/** A value as a Buffer serializes it: its bytes as decimal numbers, comma-separated. */
const bytesOf = (value: string) => [...Buffer.from(value)].join(',');

function excerpt(line: string, value: string): string {
  const at = Math.max(line.indexOf(value), 0);
  return line.slice(Math.max(0, at - 150), at + 100);
}

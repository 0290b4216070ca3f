import fc from 'fast-check';
import { Client } from 'pg';
import { demoReports, newRunId, RunningSystem, type PersonKey } from '@forewarn/demo';
import { issueDevToken } from '@forewarn/platform';
import { freeBasePort, LocalBroker, waitFor } from '@forewarn/testing';
import { completeReport, endpoints, type Endpoint, type Seeds } from './support/hostile-endpoints';
import { build, namedIn, namesWhatWasWrong, sampleArbitrary, type HostileRequest } from './support/hostile-requests';

const INPUTS = Number(process.env.FUZZ_INPUTS ?? 11_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
// Enough to keep five services busy on two shared cores without starving their readiness probes.
const IN_FLIGHT = 16;

interface Outcome {
  request: HostileRequest;
  status: number;
  body: unknown;
  headersOk: boolean;
}

/**
 * Hostile input through every HTTP route of the five running services: bodies, path and query
 * parameters and tokens that are wrong in a way the route must notice. No answer is a 5xx, every
 * 400 names what was wrong, nothing a refused request carried reaches the database, the
 * services stay ready, and every answer carries the security headers.
 */
describe('hostile input', () => {
  let broker: LocalBroker;
  let system: RunningSystem;
  let db: Client;
  const runId = newRunId();
  const seeds = {} as Seeds;

  beforeAll(async () => {
    // A broker of its own: a new system reads every topic from the start, and on the run's
    // shared broker that is every earlier test's history, which the seeds would queue behind.
    broker = await LocalBroker.fresh(19_700, 'hostile');
    // The fuzz sends a few hundred bad tokens from one address; the shut-out is tested elsewhere.
    system = new RunningSystem(await freeBasePort(5101), { KAFKA_BROKERS: broker.brokers, LOG_LEVEL: 'warn', FOREWARN_AUTH_FAILURE_LIMIT: '1000000' });
    await system.start();
    db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
    Object.assign(seeds, await seed(system, runId));
  }, 300_000);

  afterAll(async () => {
    await db?.end();
    await system?.stop();
    await broker?.wipe();
  }, 120_000);

  it(`refuses ${INPUTS} hostile requests across every route without a 5xx, naming what was wrong, and changes nothing`, async () => {
    const seedCases = [seeds.warnedCase, seeds.reviewCase, seeds.analystCase];
    const seedRowsBefore = await settled(() => rowsOf(db, seedCases));
    const reportsBefore = await httpReports(db);

    const all = endpoints(() => completeReport(demoReports(runId).crocus, 'base'));
    const agencyToken = issueDevToken({ sub: 'submitter@NCTC', org: 'NCTC', roles: ['agency-submitter'] });
    const tokenOf = (endpoint: Endpoint) => (endpoint.as === 'agency' ? agencyToken : system.client.token(endpoint.as as PersonKey));
    const samples = fc.sample(sampleArbitrary(all, seeds, tokenOf), { numRuns: INPUTS, seed: SEED });
    const requests = samples.map((sample, i) => build(sample, tokenOf(sample.endpoint), `FUZZ-${runId}-${i}`));

    const started = Date.now();
    const outcomes = await sendAll(system, requests);
    const seconds = (Date.now() - started) / 1000;

    // A readiness probe may say 503 while the machine is loaded (it times Kafka and the database
    // out); that is the probe working, not the input breaking it. Readiness is checked at the end.
    const probe503 = (o: Outcome) => o.status === 503 && /^\/health(\/ready)?$/.test(o.request.endpoint.path);
    const byStatus = countBy(outcomes, (o) => String(o.status));
    const byService = countBy(outcomes, (o) => o.request.endpoint.service);
    const routes = new Set(outcomes.map((o) => `${o.request.endpoint.method} ${o.request.endpoint.path}`));
    const accepted = outcomes.filter((o) => o.status < 300 && o.request.endpoint.method !== 'GET');
    console.log(
      [
        `hostile input: ${outcomes.length} requests (seed ${SEED}) over ${routes.size} routes of ${Object.keys(byService).length} services in ${seconds.toFixed(1)} s (${Math.round(outcomes.length / seconds)}/s)`,
        `  by status: ${Object.entries(byStatus).sort().map(([s, n]) => `${s}: ${n}`).join(', ')}`,
        `  by service: ${Object.entries(byService).map(([s, n]) => `${s}: ${n}`).join(', ')}`,
        `  must be refused: ${outcomes.filter((o) => o.request.mustRefuse).length}; reports taken (odd correlation id only): ${accepted.length}; readiness probes answering 503 under load: ${outcomes.filter(probe503).length}`,
      ].join('\n'),
    );

    const show = (o: Outcome) => `${o.request.endpoint.method} ${o.request.path.slice(0, 160)} [${o.request.what.join('; ')}] -> ${o.status} ${JSON.stringify(o.body)?.slice(0, 300)}`;
    expect(outcomes.filter((o) => (o.status >= 500 && !probe503(o)) || o.status === 0).map(show)).toEqual([]);
    expect(outcomes.filter((o) => o.request.mustRefuse && (o.status < 400 || o.status >= 500)).map(show)).toEqual([]);
    expect(outcomes.filter((o) => o.status === 400 && !namesWhatWasWrong(o.body, o.request.expected)).map((o) => `${show(o)} expected one of ${JSON.stringify(o.request.expected)}, named ${JSON.stringify(namedIn(o.body).fields)}`)).toEqual([]);
    expect(outcomes.filter((o) => !o.headersOk).map(show)).toEqual([]);
    // Only new reports could be taken; every other command had something wrong with it.
    expect(accepted.filter((o) => o.request.endpoint.service !== 'intake').map(show)).toEqual([]);

    // Nothing a refused request carried was stored: exactly the reports taken are new, no row
    // names a case a refused request named, and the seeded cases' rows are as they were.
    const reportsAfter = await httpReports(db);
    const newReports = [...reportsAfter.keys()].filter((id) => !reportsBefore.has(id)).sort();
    expect(newReports).toEqual(accepted.filter((o) => o.status === 201).map((o) => o.request.reportId).sort());
    const named = [...new Set(outcomes.flatMap((o) => (o.status >= 400 && o.request.caseId !== undefined ? [o.request.caseId] : [])))]
      // One with a NUL is in no table: PostgreSQL can store no such text (nor be asked about it).
      .filter((id) => !seedCases.includes(id) && !id.includes('\u0000'));
    expect(await rowsOf(db, named)).toEqual({});
    expect(await rowsOf(db, seedCases)).toEqual(seedRowsBefore);

    await system.waitAllReady();
  }, 600_000);
});

/**
 * Real cases in the states hostile commands could change: warned (with a delivery to
 * acknowledge), waiting for a waiver decision, waiting for an analyst. Each is awaited through
 * the service that holds it.
 */
async function seed(system: RunningSystem, runId: string): Promise<Seeds> {
  const { client, urls } = system;
  const reports = demoReports(runId);
  const submit = async (report: (typeof reports)[string]) => {
    const res = await client.submitReport(report);
    if (res.status !== 201) throw new Error(`seed report ${report.reportId}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.caseId;
  };
  const [warnedCase, reviewCase, analystCase] = await Promise.all([submit(reports.crocus), submit(reports.terrorist), submit(reports.undetermined)]);
  const within = 240_000;
  const [request, delivery] = await Promise.all([
    waitFor('the seed waiver request to be taken', async () => {
      const res = await client.requestWaiver(reviewCase, ['VIOLENT_ACTOR'], 'The intended victim is a listed terrorist commander.');
      return res.status === 201 ? (res.body as { requestId: string }) : undefined;
    }, within, 1000),
    waitFor('the seed warning to be delivered', async () => {
      const res = await client.deliveries(warnedCase);
      return (res.body?.deliveries as Array<{ deliveryId: string; state: string }> | undefined)?.find((d) => d.state === 'DELIVERED');
    }, within, 1000),
    waitFor('the seed case to wait for an analyst', async () => {
      const res = await client.call('GET', `${urls.assessment}/v1/cases/${analystCase}/assessment`, 'analyst');
      return res.status === 200 && res.body.state === 'NEEDS_ANALYST';
    }, within, 1000),
  ]);
  return { warnedCase, reviewCase, analystCase, requestId: request.requestId, deliveryId: delivery.deliveryId };
}

async function sendAll(system: RunningSystem, requests: HostileRequest[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < requests.length; i = next++) {
      const request = requests[i];
      const send = () =>
        fetch(`${system.urls[request.endpoint.service]}${request.path}`, { method: request.endpoint.method, headers: request.headers, body: request.body, signal: AbortSignal.timeout(60_000) }).catch(
          (error: Error) => ({ failed: `${error.name}: ${error.message} (${String((error.cause as { code?: string } | undefined)?.code ?? error.cause ?? '')})` }),
        );
      let res = await send();
      // Once more if the connection dropped before any answer: a kept-alive socket the server had
      // just closed. A service that broke on the request would drop it again, or not be ready.
      if ('failed' in res && !res.failed.startsWith('TimeoutError')) res = await send();
      if ('failed' in res) {
        outcomes[i] = { request, status: 0, body: `no answer: ${res.failed}`, headersOk: false };
        continue;
      }
      const text = await res.text();
      let body: unknown = text.slice(0, 2000);
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON: keep the text */
      }
      const h = res.headers;
      const headersOk = /max-age=\d+/.test(h.get('strict-transport-security') ?? '') && h.get('x-content-type-options') === 'nosniff' && h.get('x-frame-options') === 'DENY' && !h.has('x-powered-by');
      outcomes[i] = { request, status: res.status, body, headersOk };
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return outcomes;
}

/**
 * Rows per table for these case ids, in every table with a case_id that a request can write: every
 * table of intake, assessment, waiver-review and notification, and audit's legal holds. (Audit's
 * log and projections are written from Kafka, and may still be catching up with the seeds.)
 */
async function rowsOf(db: Client, caseIds: string[]): Promise<Record<string, Record<string, number>>> {
  const { rows: tables } = await db.query<{ schema: string; table: string }>(
    `SELECT c.table_schema AS schema, c.table_name AS table FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.column_name = 'case_id' AND t.table_type = 'BASE TABLE'
       AND (c.table_schema IN ('intake', 'assessment', 'waiver_review', 'notification') OR (c.table_schema = 'audit' AND c.table_name LIKE 'legal_hold%'))
     ORDER BY 1, 2`,
  );
  const byCase: Record<string, Record<string, number>> = {};
  for (const { schema, table } of tables) {
    const { rows } = await db.query<{ case_id: string; n: number }>(`SELECT case_id::text, count(*)::int AS n FROM "${schema}"."${table}" WHERE case_id::text = ANY($1) GROUP BY 1`, [caseIds]);
    for (const row of rows) (byCase[row.case_id] ??= {})[`${schema}.${table}`] = row.n;
  }
  return byCase;
}

/** `read()` once two readings 2 s apart agree: the pipeline has finished with the seeds. */
async function settled<T>(read: () => Promise<T>): Promise<T> {
  let last = JSON.stringify(await read());
  for (let i = 0; i < 30; i++) {
    await new Promise((r) => setTimeout(r, 2000));
    const now = await read();
    if (JSON.stringify(now) === last) return now;
    last = JSON.stringify(now);
  }
  throw new Error('the seeded cases never settled');
}

/** Reports taken over HTTP, by report id. */
async function httpReports(db: Client): Promise<Map<string, string>> {
  const { rows } = await db.query<{ report_id: string; case_id: string }>(`SELECT report_id, case_id::text FROM intake.threat_reports WHERE received_via = 'HTTP'`);
  return new Map(rows.map((r) => [r.report_id, r.case_id]));
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

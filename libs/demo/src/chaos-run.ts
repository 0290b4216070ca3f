import { randomBytes } from 'node:crypto';
import { Principals, type PartnerAcknowledgement } from '@forewarn/contracts';
import { kafkaPort, type RecordPublisher } from '@forewarn/eventing';
import { kafkaAs, startCompiled, waitFor } from '@forewarn/testing';
import type { Fault } from './faults';
import { copiesBeyondFirst, DemoTopics, PartnerReader } from './partner-reader';
import { demoReports } from './reports';
import type { RunningSystem } from './running-system';

export interface ChaosOptions {
  /** Crocus-like reports in all, each of which must end ACKNOWLEDGED: warned to the FSB, which acknowledges. */
  cases: number;
  minutes: number;
  /** What may go wrong: taken in turn, from a random first one, so each kind strikes. */
  faults: Fault[];
  /** How many faults over the run: one in each equal slot of the load, at a random moment of it. */
  faultCount: number;
  /** Share of the reports submitted over HTTP (the rest on NCTC's partner topic); default a half. */
  httpShare?: number;
  /** How long after the load every case may take to settle; default 5 minutes. */
  settleMs?: number;
  log?: (line: string) => void;
}

export interface InjectedFault {
  name: string;
  /** Seconds into the run. */
  atS: number;
  /** How long it lasted (a killed process: until its replacement was started). */
  downMs: number;
  /** From the end of the fault until what was lost was back (the process or node ready, every service ready). */
  recoveryMs: number;
  /** From then until the FSB read its next new warning: the pipeline flowing again. */
  flowingMs?: number;
}

export interface ChaosReport {
  cases: number;
  viaHttp: number;
  viaTopic: number;
  /** HTTP submissions answered 503 or refused (a dead intake) and sent again. */
  httpRetries: number;
  faults: InjectedFault[];
  received: number;
  warned: number;
  /** Cases that reached a terminal status (ACKNOWLEDGED). */
  terminal: number;
  /** Reports that did not end terminal in time. */
  lost: number;
  duplicateWarnings: number;
  duplicateStatuses: number;
  /** Copies only a read_uncommitted reader saw (aborted transactions): not duplicates to a partner. */
  uncommittedCopies: number;
  integrity: string;
  decisionsVerified: number;
  mismatches: number;
  /** What the mismatches were, by kind: "3 x DutyDetermined by assessment: <reason>". */
  mismatchKinds: string[];
  /** From the last report sent until every case was terminal. */
  settledMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sustained load through HTTP and NCTC's partner topic for `minutes`, while faults are injected
 * at random moments and healed; the FSB acknowledges every warning it reads. Then checks what a
 * partner and an auditor would: every case terminal, none lost, no partner message twice as a
 * read_committed consumer reads, the audit chain INTACT and every decision re-verified.
 */
export async function chaosRun(system: RunningSystem, opts: ChaosOptions): Promise<ChaosReport> {
  const log = opts.log ?? (() => undefined);
  const kafka = kafkaPort('chaos', { ...kafkaAs(), brokers: system.client.brokers });
  const nctc = kafkaPort('nctc', { ...kafkaAs(Principals.partner('NCTC')), brokers: system.client.brokers });
  const fsb = kafkaPort('fsb', { ...kafkaAs(Principals.partner('FSB')), brokers: system.client.brokers });
  const reporter = nctc.publisher({ idempotent: true });
  const acknowledger = fsb.publisher({ idempotent: true });
  const acks = new Outbound(acknowledger, DemoTopics.acknowledgements);
  const committed = new PartnerReader(kafka, false, (caseId, value) => {
    const ack: PartnerAcknowledgement = { schemaVersion: 1, idempotencyKey: JSON.parse(value).idempotencyKey, acknowledgedBy: 'FSB duty officer', acknowledgedAt: new Date().toISOString() };
    acks.push({ key: caseId, value: JSON.stringify(ack) });
  });
  const uncommitted = new PartnerReader(kafka, true);
  await Promise.all([committed.start(), uncommitted.start(), reporter.connect(), acknowledger.connect()]);
  const reports = new Outbound(reporter, DemoTopics.reports);

  const runId = `CHAOS-${randomBytes(3).toString('hex')}`;
  const base = demoReports(runId).crocus;
  const reportIds = Array.from({ length: opts.cases }, (_, i) => `${runId}-${i}`);
  const httpEvery = Math.max(1, Math.round(1 / (opts.httpShare ?? 0.5)));
  const intakes = system.instances.filter((i) => i.service === 'intake').map((i) => i.url);
  const http = new HttpReporter(intakes, system.client.token('submitter'));
  const durationMs = opts.minutes * 60_000;
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;

  // The faults, one per slot of the load, each healed before the next.
  const slot = durationMs / Math.max(1, opts.faultCount);
  const injected: InjectedFault[] = [];
  const first = Math.floor(Math.random() * opts.faults.length);
  const chaos = (async () => {
    for (let n = 0; n < opts.faultCount; n++) {
      const at = n * slot + Math.random() * slot * 0.6;
      await sleep(Math.max(0, started + at - Date.now()));
      const fault = opts.faults[(first + n) % opts.faults.length];
      const atS = seconds();
      const from = Date.now();
      await fault.inject();
      await sleep(fault.downMs ?? 0);
      const healFrom = Date.now();
      await fault.heal();
      const healed = Date.now();
      const record: InjectedFault = { name: fault.name, atS, downMs: healFrom - from, recoveryMs: healed - healFrom };
      injected.push(record);
      log(`${String(atS).padStart(6)} s  ${fault.name.padEnd(24)} down ${record.downMs} ms, back in ${record.recoveryMs} ms`);
      void waitFor('a new warning', async () => committed.warnedAt.some((t) => t >= healed), 120_000, 50)
        .then(() => (record.flowingMs = Math.max(0, committed.warnedAt.find((t) => t >= healed)! - healed)))
        .catch(() => undefined);
    }
  })();

  let sent = 0;
  const submissions: Promise<void>[] = [];
  try {
    while (sent < reportIds.length) {
      const due = Math.min(reportIds.length, Math.ceil(((Date.now() - started) / durationMs) * reportIds.length));
      for (; sent < due; sent++) {
        const report = { ...base, reportId: reportIds[sent] };
        if (sent % httpEvery === 0) submissions.push(http.submit(report));
        else reports.push({ key: report.reportId, value: JSON.stringify(report) });
      }
      await sleep(100);
    }
    await Promise.all([...submissions, chaos, reports.drained()]);
    const loadEnded = Date.now();
    log(`${seconds()} s  load sent: ${sent} reports (${http.submitted} over HTTP); waiting for every case to be acknowledged`);
    const terminal = (id: string) => committed.reached.get(committed.received.get(id) ?? '')?.has('ACKNOWLEDGED') ?? false;
    await waitFor('every case acknowledged', async () => reportIds.every(terminal), opts.settleMs ?? 300_000, 250).catch(() => undefined);
    const settledMs = Date.now() - loadEnded;
    await acks.drained();
    // Time for a late second copy, if one were coming, to be read.
    await sleep(3_000);

    const caseIds = reportIds.map((id) => committed.received.get(id)).filter((id): id is string => Boolean(id));
    const integrity = await waitFor('the audit chain to be checked', async () => {
      const res = await system.client.call('GET', `${system.urls.audit}/v1/audit/integrity`, 'auditor').catch(() => undefined);
      return res?.status === 200 && (res.body as { status: string });
    }, 60_000, 500);
    const verify = await verifyWholeLog(system);
    return {
      cases: reportIds.length,
      viaHttp: http.submitted,
      viaTopic: reportIds.length - http.submitted,
      httpRetries: http.retries,
      faults: injected,
      received: caseIds.length,
      warned: caseIds.filter((id) => committed.warnings.has(id)).length,
      terminal: reportIds.filter(terminal).length,
      lost: reportIds.filter((id) => !terminal(id)).length,
      duplicateWarnings: caseIds.reduce((n, id) => n + copiesBeyondFirst((committed.warnings.get(id) ?? []).map((v) => JSON.parse(v).idempotencyKey)), 0),
      duplicateStatuses: caseIds.reduce((n, id) => n + copiesBeyondFirst(committed.statuses.get(id) ?? []), 0),
      uncommittedCopies: caseIds.reduce((n, id) => n + copiesBeyondFirst([...(uncommitted.warnings.get(id) ?? []), ...(uncommitted.statuses.get(id) ?? [])]), 0),
      integrity: integrity.status,
      decisionsVerified: verify.decisionsVerified,
      mismatches: verify.mismatches,
      mismatchKinds: verify.mismatchKinds,
      settledMs,
    };
  } finally {
    reports.close();
    acks.close();
    await Promise.all([committed.stop(), uncommitted.stop(), reporter.disconnect(), acknowledger.disconnect()]);
  }
}

/** The auditors' own check, `audit verify --all`, on the system's database: every decision re-run under its recorded policy. */
async function verifyWholeLog(system: RunningSystem): Promise<{ decisionsVerified: number; mismatches: number; mismatchKinds: string[]; chain: string }> {
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) =>
    startCompiled('services/audit/src/cli/audit-cli.ts', system.databaseEnv(), (l) => output.push(l), [], ['verify', '--all', '--json']).once('exit', resolve),
  );
  const text = output.join('\n');
  const json = text.slice(text.indexOf('{'));
  try {
    const summary = JSON.parse(json) as {
      decisionsVerified: number;
      mismatches: number;
      mismatchGroups: { count: number; type: string; producer: string; reason: string }[];
      chain: { status: string };
    };
    const mismatchKinds = summary.mismatchGroups.map((g) => `${g.count} x ${g.type} by ${g.producer}: ${g.reason}`);
    return { decisionsVerified: summary.decisionsVerified, mismatches: summary.mismatches, mismatchKinds, chain: summary.chain.status };
  } catch {
    throw new Error(`audit verify exited ${code}: ${output.slice(-10).join('\n')}`);
  }
}

/** Messages to one topic, sent in batches as they come; a batch that fails (a node down) is sent again. */
class Outbound {
  private queue: { key: string; value: string }[] = [];
  private flushing?: Promise<void>;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly producer: RecordPublisher,
    private readonly topic: string,
  ) {
    this.timer = setInterval(() => void this.flush(), 100);
  }

  push(message: { key: string; value: string }): void {
    this.queue.push(message);
  }

  private flush(): Promise<void> {
    if (this.flushing || this.queue.length === 0) return this.flushing ?? Promise.resolve();
    const batch = this.queue.splice(0, 500);
    this.flushing = this.producer
      .send({ topic: this.topic, acks: -1, messages: batch })
      .then(() => undefined)
      .catch(() => void this.queue.unshift(...batch))
      .finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  async drained(): Promise<void> {
    while (this.queue.length > 0 || this.flushing) await (this.flushing ?? sleep(100));
  }

  close(): void {
    clearInterval(this.timer);
  }
}

/** Submits reports over HTTP as a well-behaved client: on a 503 it waits Retry-After, on a refused connection it tries another intake. */
class HttpReporter {
  submitted = 0;
  retries = 0;
  private next = 0;

  constructor(
    private readonly intakes: string[],
    private readonly token: string,
  ) {}

  async submit(report: Record<string, unknown>): Promise<void> {
    this.submitted++;
    const giveUpAt = Date.now() + 300_000;
    for (;;) {
      const url = this.intakes[this.next++ % this.intakes.length];
      const res = await fetch(`${url}/v1/threat-reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify(report),
        signal: AbortSignal.timeout(30_000),
      }).catch(() => undefined);
      if (res && (res.status === 200 || res.status === 201)) return;
      if (res && res.status !== 503) throw new Error(`report ${String(report.reportId)}: HTTP ${res.status} ${await res.text()}`);
      if (Date.now() > giveUpAt) throw new Error(`report ${String(report.reportId)}: not taken in 300 s`);
      this.retries++;
      await sleep(res ? Number(res.headers.get('retry-after') ?? 1) * 1_000 : 500);
    }
  }
}

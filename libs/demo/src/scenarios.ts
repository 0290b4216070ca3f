import { randomBytes } from 'node:crypto';
import { partnerTopic, Topics } from '@forewarn/contracts';
import { kafkaPort } from '@forewarn/eventing';
import type { ForewarnClient, LoggedEvent } from './forewarn-client';
import { demoReports } from './reports';

export interface ScenarioResult {
  name: string;
  caseId: string | null;
  /** The terminal state reached, e.g. WARNED via LIAISON, WAIVED, NO_DUTY, DUPLICATE, REJECTED. */
  outcome: string;
  path: string[];
  details: string[];
}

export interface Scenario {
  name: string;
  title: string;
  expected: string;
  play(client: ForewarnClient, runId: string): Promise<ScenarioResult>;
}

const has = (type: string, where: (e: LoggedEvent) => boolean = () => true) => (events: LoggedEvent[]) =>
  events.some((e) => e.type === type && where(e));
const pathOf = (events: LoggedEvent[]) => events.map((e) => (e.actor?.kind === 'person' ? `${e.type} (by ${e.actor.id})` : e.type));

function delivered(events: LoggedEvent[]): string {
  const planned = events.find((e) => e.type === 'DeliveryPlanned');
  return `WARNED via ${planned?.data.plan.channel ?? '?'} to ${planned?.data.plan.recipient.name ?? '?'}`;
}

async function submitted(client: ForewarnClient, report: object) {
  const res = await client.submitReport(report as never);
  if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.caseId;
}

async function warned(client: ForewarnClient, name: string, caseId: string): Promise<ScenarioResult> {
  const events = await client.waitForEvents(caseId, has('WarningDelivered'));
  const text = events.find((e) => e.type === 'WarningDispatched')?.data.text as string | undefined;
  return { name, caseId, outcome: delivered(events), path: pathOf(events), details: text ? [`warning text: ${text.split('\n')[0]}`] : [] };
}

export const scenarios: Scenario[] = [
  {
    name: 'crocus',
    title: 'Concert-hall attack abroad (Crocus-like): warn the host security service through liaison',
    expected: 'WARNED via LIAISON',
    play: async (client, runId) => warned(client, 'crocus', await submitted(client, demoReports(runId).crocus)),
  },
  {
    name: 'journalist',
    title: 'US journalist threatened with kidnapping abroad: warn through the diplomatic channel',
    expected: 'WARNED via DIPLOMATIC',
    play: async (client, runId) => warned(client, 'journalist', await submitted(client, demoReports(runId).journalist)),
  },
  {
    name: 'terrorist',
    title: 'Threat to a listed terrorist: waiver proposed (VIOLENT_ACTOR), requested, approved by another person',
    expected: 'WAIVED',
    play: async (client, runId) => {
      const caseId = await submitted(client, demoReports(runId).terrorist);
      await client.waitForEvents(caseId, has('WaiverReviewOpened'));
      const request = await client.requestWaiver(caseId, ['VIOLENT_ACTOR'], 'The intended victim is a listed terrorist commander.');
      if (request.status !== 201) throw new Error(`waiver request answered ${request.status}: ${JSON.stringify(request.body)}`);
      const decision = await client.decideWaiver(caseId, request.body.requestId, 'APPROVE', 'Listed violent actor; ground VIOLENT_ACTOR holds.');
      if (decision.status >= 300) throw new Error(`decision answered ${decision.status}: ${JSON.stringify(decision.body)}`);
      const events = await client.waitForEvents(caseId, has('WaiverApproved'));
      const approved = events.find((e) => e.type === 'WaiverApproved')!;
      return { name: 'terrorist', caseId, outcome: 'WAIVED', path: pathOf(events), details: [`grounds ${approved.data.codes.join(', ')}; requested by ${approved.data.requestedBy}, approved by ${approved.actor.id}`] };
    },
  },
  {
    name: 'cyber',
    title: 'Out-of-scope cyber threat: no duty, with the reason recorded',
    expected: 'NO_DUTY',
    play: async (client, runId) => {
      const caseId = await submitted(client, demoReports(runId).cyber);
      const events = await client.waitForEvents(caseId, has('DutyDetermined'));
      const duty = events.find((e) => e.type === 'DutyDetermined')!;
      return { name: 'cyber', caseId, outcome: duty.data.outcome, path: pathOf(events), details: duty.data.reasons.map((r: { code: string }) => r.code) };
    },
  },
  {
    name: 'undetermined',
    title: 'Credibility undetermined: an analyst assesses it, then the duty holds and the warning goes out',
    expected: 'WARNED via DOMESTIC_LAW_ENFORCEMENT',
    play: async (client, runId) => {
      const caseId = await submitted(client, demoReports(runId).undetermined);
      await client.waitForEvents(caseId, has('DutyDetermined', (e) => e.data.outcome === 'NEEDS_ANALYST'));
      const res = await client.assess(caseId, { credibility: 'CREDIBLE', specific: true, notes: 'Corroborated by courthouse security.' });
      if (res.status >= 300) throw new Error(`assessment answered ${res.status}: ${JSON.stringify(res.body)}`);
      return warned(client, 'undetermined', caseId);
    },
  },
  {
    name: 'duplicate',
    title: 'The same report submitted twice: one case, nothing new',
    expected: 'DUPLICATE',
    play: async (client, runId) => {
      const report = { ...demoReports(runId).journalist, reportId: `DEMO-${runId}-RESUBMITTED` };
      const first = await client.submitReport(report);
      const again = await client.submitReport(report);
      const same = first.body.caseId === again.body.caseId && again.status === 200 && again.body.duplicate === true;
      return { name: 'duplicate', caseId: first.body.caseId, outcome: same ? 'DUPLICATE' : 'NEW CASE (wrong)', path: [`POST -> ${first.status}`, `POST again -> ${again.status} duplicate=${again.body.duplicate}`], details: [] };
    },
  },
  {
    name: 'malformed',
    title: 'A malformed report: rejected with every bad field named, nothing created',
    expected: 'REJECTED',
    play: async (client) => {
      const res = await client.submitReport({ sourceAgency: 'NCTC', reportId: 'bad id!', threat: { type: 'ALIENS' }, target: {} });
      const fields = ((res.body as unknown as { errors?: { field: string }[] }).errors ?? []).map((e: { field: string }) => e.field);
      return { name: 'malformed', caseId: null, outcome: res.status === 400 ? 'REJECTED' : `HTTP ${res.status} (wrong)`, path: [`POST -> ${res.status}`], details: [`fields named: ${fields.join(', ')}`] };
    },
  },
];

/** A malformed report on the partner topic: dead-lettered with its reasons, the partition moves on. */
const malformedOnKafka: Scenario = {
  name: 'malformed-kafka',
  title: 'A malformed report on the inbound partner topic: dead-lettered with every reason',
  expected: 'DEAD_LETTERED',
  play: async (client, runId) => {
    const key = `DEMO-${runId}-KAFKA-BAD`;
    // As NCTC, on its own threat-reports topic: the broker knows who sent it.
    await kafkaPort('forewarn-demo', client.partnerKafka('NCTC')).publish({ topic: partnerTopic('NCTC', 'threat-reports'), messages: [{ key, value: JSON.stringify({ sourceAgency: 'NCTC', reportId: key, threat: { type: 'ALIENS' } }) }] });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const res = await client.call<{ key: string; reason: string; errors: string[]; sourceTopic: string }[]>('GET', `${client.urls.audit}/v1/dead-letters?limit=200`, 'operator');
      const letter = res.status === 200 ? res.body.find((l) => l.key === key) : undefined;
      if (letter) {
        return { name: 'malformed-kafka', caseId: null, outcome: 'DEAD_LETTERED', path: [`${letter.sourceTopic} -> ${Topics.deadLetters} (${letter.reason})`], details: letter.errors.slice(0, 4).map((e) => `reason: ${e}`) };
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    return { name: 'malformed-kafka', caseId: null, outcome: 'NOT DEAD-LETTERED (wrong)', path: [], details: [] };
  },
};
scenarios.push(malformedOnKafka);

export const newRunId = () => randomBytes(3).toString('hex').toUpperCase();

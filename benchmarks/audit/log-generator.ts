/**
 * Writes a large, valid case log straight into Postgres for the verify benchmark: realistic
 * envelopes (the test scenarios, with decisions made by the real rules), canonical JSON and
 * chained SHA-256 hashes exactly as the audit service's appender writes them.
 *
 * Speed: a handful of template cases are built with the real code once; each generated case is
 * a template whose placeholder ids are replaced by fresh ones. The ids are hex and dashes, so a
 * replacement keeps the text canonical (RFC 8785 orders keys, never values).
 */
/* eslint-disable @nx/enforce-module-boundaries -- services have no package alias; the benchmark must run the service's own verifier and appender format */
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { canonicalEnvelope, entryHash } from '../../services/audit/src/domain/chain-hash';
import { caseScenario, type ScenarioPath } from '../../services/audit/test/case-scenario';

const PLACEHOLDER = 'fffffff0-0000-4000-8000-000000000000';

interface TemplateEvent {
  text: string;
  type: string;
  occurredAt: string;
  producer: string;
  actor: string;
  policyVersion: string | null;
  causationId: string | null;
  eventId: string;
}

/** The mix of a working year: most cases warned, some waived, some out of scope. */
const MIX: { path: ScenarioPath; weight: number }[] = [
  { path: 'warned', weight: 6 },
  { path: 'waived', weight: 2 },
  { path: 'no-duty', weight: 2 },
];

export function buildTemplates(): TemplateEvent[][] {
  const templates: TemplateEvent[][] = [];
  for (const { path, weight } of MIX) {
    for (let w = 0; w < weight; w++) {
      const start = new Date(Date.UTC(2024, 0, 1 + w * 37, 8 + w)).toISOString();
      templates.push(
        caseScenario({ caseId: PLACEHOLDER, start, path }).map((e) => ({
          text: canonicalEnvelope(e),
          type: e.type,
          occurredAt: e.occurredAt,
          producer: `${e.producer.service}@${e.producer.version}`,
          actor: e.actor.id,
          policyVersion: e.policyVersion ?? null,
          causationId: e.causationId,
          eventId: e.eventId,
        })),
      );
    }
  }
  return templates;
}

const short = PLACEHOLDER.slice(0, 18);
const fill = (s: string, caseId: string) => s.replaceAll(PLACEHOLDER, caseId).replaceAll(short, caseId.slice(0, 18));

interface Batch {
  columns: unknown[][];
  checkpoints: [number[], string[]];
}

/** Generates `count` entries after `head`, hash-chained, as column arrays for one insert. */
export function* batches(templates: TemplateEvent[][], total: number, batchSize: number): Generator<Batch & { position: number; hash: string }> {
  let position = 0;
  let prevHash = '0'.repeat(64);
  let pending: TemplateEvent[] = [];
  let caseId = '';
  let caseSeq = 0;
  let t = 0;
  while (position < total) {
    const cols: unknown[][] = Array.from({ length: 13 }, () => []);
    const cp: [number[], string[]] = [[], []];
    for (let i = 0; i < batchSize && position < total; i++) {
      if (pending.length === 0) {
        pending = [...templates[t++ % templates.length]];
        caseId = randomUUID();
        caseSeq = 0;
      }
      const e = pending.shift()!;
      position++;
      caseSeq++;
      const text = fill(e.text, caseId);
      const eventId = fill(e.eventId, caseId);
      const hash = entryHash({ position, eventId, caseSeq, envelopeText: text, prevHash });
      const row = [position, eventId, caseId, caseSeq, e.type, e.occurredAt, e.producer, e.actor, e.policyVersion, e.causationId && fill(e.causationId, caseId), text, prevHash, hash];
      row.forEach((v, c) => cols[c].push(v));
      if (position % 1000 === 0) {
        cp[0].push(position);
        cp[1].push(hash);
      }
      prevHash = hash;
    }
    yield { columns: cols, checkpoints: cp, position, hash: prevHash };
  }
}

/** Inserts while the next batch is generated: Postgres and Node work side by side. */
export async function writeLog(client: Client, total: number, onBatch: (written: number) => void): Promise<void> {
  const templates = buildTemplates();
  let inFlight: Promise<unknown> = Promise.resolve();
  let last = { position: 0, hash: '0'.repeat(64) };
  for (const b of batches(templates, total, 5000)) {
    await inFlight;
    onBatch(last.position);
    last = { position: b.position, hash: b.hash };
    inFlight = client
      .query(
        `INSERT INTO case_log (position, event_id, case_id, case_seq, type, occurred_at, producer, actor, policy_version, causation_id, envelope, prev_hash, hash)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])`,
        b.columns,
      )
      .then(async () => {
        if (b.checkpoints[0].length > 0) await client.query(`INSERT INTO checkpoints (position, hash) SELECT * FROM unnest($1::bigint[], $2::text[])`, b.checkpoints);
      });
  }
  await inFlight;
  await client.query(`UPDATE chain_head SET position = $1, hash = $2 WHERE id = 1`, [last.position, last.hash]);
  onBatch(last.position);
}

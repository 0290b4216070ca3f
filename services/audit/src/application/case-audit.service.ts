import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventEnvelope, ForewarnEvent } from '@forewarn/contracts';
import { isWithin, parseAsOf } from '../domain/as-of';
import { AuditError } from '../domain/audit-errors';
import { buildCaseReport } from '../domain/case-report';
import { canonicalEnvelope } from '../domain/chain-hash';
import { initialCaseState } from '../domain/case-state';
import type { PolicyFor } from '../domain/decision-verifier';
import { evolveCase } from '../domain/evolve-case';
import { eventWhy } from '../domain/event-why';
import { inHappenedOrder } from '../domain/happened-order';
import { currentEnvelope } from '../domain/upcast-envelope';
import { inSnapshot, sqlOf } from '../infrastructure/sql-adapters';
import { toGapView } from './gap-view';
import { LogSource } from './log-source';
import { verifyCase } from './log-verifier';
import { POLICY_FOR } from './policy-for.token';
import type { Sql } from './sql';

interface Entry {
  position: number;
  caseSeq: number;
  eventId: string;
  recordedAt: string;
  hash: string;
  prevHash: string;
  raw: EventEnvelope | null;
  event: ForewarnEvent | null;
}

/** The auditor's read side of one case: history, state as of, verification, report, export. */
@Injectable()
export class CaseAuditService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(POLICY_FOR) private readonly policyFor: PolicyFor,
  ) {}

  private async entries(sql: Sql, caseId: string): Promise<Entry[]> {
    const rows = await sql<{ position: string; case_seq: number; event_id: string; recorded_at: Date; envelope: string | null; hash: string; prev_hash: string }>(
      `SELECT position, case_seq, event_id, recorded_at, envelope, hash, prev_hash FROM case_log WHERE case_id = $1 ORDER BY case_seq`,
      [caseId],
    );
    if (rows.length === 0) throw new AuditError('AUDIT.CASE_NOT_FOUND', `no event of case ${caseId} is in the log`);
    return rows.map((r) => {
      const raw = r.envelope === null ? null : (JSON.parse(r.envelope) as EventEnvelope);
      return {
        position: Number(r.position),
        caseSeq: r.case_seq,
        eventId: r.event_id,
        recordedAt: r.recorded_at.toISOString(),
        hash: r.hash,
        prevHash: r.prev_hash,
        raw,
        event: raw && currentEnvelope(raw),
      };
    });
  }

  private view(e: Entry) {
    const base = { position: e.position, caseSeq: e.caseSeq, eventId: e.eventId, recordedAt: e.recordedAt, hash: e.hash, prevHash: e.prevHash };
    if (!e.raw || !e.event) return { ...base, purged: true };
    const { raw, event } = e;
    return {
      ...base,
      type: raw.type,
      schemaVersion: raw.schemaVersion,
      occurredAt: raw.occurredAt,
      producer: raw.producer,
      actor: raw.actor,
      policyVersion: raw.policyVersion ?? null,
      correlationId: raw.correlationId,
      causationId: raw.causationId,
      why: eventWhy(event),
      data: event.data,
    };
  }

  private async gaps(sql: Sql, caseId: string) {
    return (await sql(`SELECT * FROM log_gaps WHERE case_id = $1 ORDER BY position, id`, [caseId])).map((g) => toGapView(g));
  }

  /**
   * Log order by default: the order the log recorded, which is tamper-evident. Topics are read
   * independently, so `order=occurred` sorts by the producers' occurredAt instead.
   */
  /** Messages of this case that never made it into the log (keyed by caseId), so none is invisible. */
  private async deadLetters(sql: Sql, caseId: string) {
    const rows = await sql(`SELECT dead_letter_id, reason, errors, original_topic, consumer, failed_at, redrive_count FROM dead_letters WHERE key = $1 ORDER BY failed_at`, [caseId]);
    return rows.map((r) => ({ deadLetterId: r.dead_letter_id, reason: r.reason, errors: r.errors, sourceTopic: r.original_topic, consumer: r.consumer, failedAt: r.failed_at.toISOString(), redriveCount: r.redrive_count }));
  }

  async history(caseId: string, order: 'log' | 'occurred' = 'log') {
    const sql = sqlOf(this.dataSource);
    const entries = await this.entries(sql, caseId);
    const events = entries.map((e) => this.view(e));
    return {
      caseId,
      order,
      events: order === 'occurred' ? inHappenedOrder(events) : events,
      gaps: await this.gaps(sql, caseId),
      deadLetters: await this.deadLetters(sql, caseId),
    };
  }

  private fold(caseId: string, entries: Entry[]) {
    return entries.reduce((s, e) => (e.event ? evolveCase(s, { position: e.position, event: e.event }) : s), initialCaseState(caseId));
  }

  /** The case folded up to a log position or an instant (everything when asOf is absent). */
  private async foldAsOf(caseId: string, asOfParam: string | undefined) {
    const asOf = parseAsOf(asOfParam);
    const entries = await this.entries(sqlOf(this.dataSource), caseId);
    const within = entries.filter((e) => e.event && isWithin(asOf, { position: e.position, occurredAt: e.event.occurredAt }));
    return { asOf: asOf.kind === 'time' ? asOf.iso : asOf.kind === 'position' ? asOf.position : null, eventsApplied: within.length, state: this.fold(caseId, within) };
  }

  async stateAsOf(caseId: string, asOfParam: string | undefined) {
    const { asOf, eventsApplied, state } = await this.foldAsOf(caseId, asOfParam);
    return { caseId, asOf, eventsApplied, throughPosition: state.lastPosition, state };
  }

  async verification(caseId: string) {
    return inSnapshot(this.dataSource, async (sql) => {
      await this.entries(sql, caseId); // 404 for an unknown case
      return verifyCase(new LogSource(sql), caseId, { policyFor: this.policyFor });
    });
  }

  /** The auditor's answers, now or as they stood at a moment (`asOf`). */
  async report(caseId: string, asOfParam?: string) {
    const { asOf, eventsApplied, state } = await this.foldAsOf(caseId, asOfParam);
    return { asOf, eventsApplied, ...buildCaseReport(state, this.policyFor) };
  }

  /** Everything about one case in one bundle, read in one snapshot. */
  async export(caseId: string) {
    return inSnapshot(this.dataSource, async (sql) => {
      const entries = await this.entries(sql, caseId);
      const verification = await verifyCase(new LogSource(sql), caseId, { policyFor: this.policyFor });
      const [hold] = await sql(`SELECT reason, placed_by, placed_at FROM legal_holds WHERE case_id = $1`, [caseId]);
      const bundle = {
        format: 'forewarn.audit.case-export/1',
        caseId,
        exportedAt: new Date().toISOString(),
        hashAlgorithm: 'SHA-256 over RFC 8785 canonical JSON of {position, eventId, caseSeq, envelope, prevHash}',
        events: entries.map((e) => this.view(e)),
        gaps: await this.gaps(sql, caseId),
        deadLetters: await this.deadLetters(sql, caseId),
        verification,
        report: buildCaseReport(this.fold(caseId, entries), this.policyFor),
        legalHold: hold ? { reason: hold.reason, placedBy: hold.placed_by, placedAt: hold.placed_at.toISOString() } : null,
      };
      // Lets whoever receives the bundle show it was not changed since the export.
      return { ...bundle, bundleSha256: createHash('sha256').update(canonicalEnvelope(bundle)).digest('hex') };
    });
  }
}

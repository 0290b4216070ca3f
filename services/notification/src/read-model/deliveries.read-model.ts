import type { ForewarnEvent, SanitizedWarning } from '@forewarn/contracts';
import { byCase, type ReadModel, type Sql } from '@forewarn/read-model';
import type { DeliveryState } from '../domain/delivery';
import { WARNING_AUTHORIZED_CONSUMER } from '../events/consumers';

/** One row of `deliveries`, the read model: every field from an event. */
export interface DeliveryRecord {
  deliveryId: string;
  idempotencyKey: string;
  caseId: string;
  correlationId: string;
  lastEventId: string;
  source: { sourceAgency: string; reportId: string } | null;
  channel: string;
  recipient: { kind: string; name: string };
  adapter: string;
  /** The partner agency a kafka delivery goes to (null: none receives it, or the webhook). */
  partner: string | null;
  policyVersion: string;
  warning: SanitizedWarning;
  text: string;
  issuedAt: string;
  state: DeliveryState;
  /** Attempts as the events recorded them (the worker's own count is in delivery_schedule). */
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
  escalatedAt: string | null;
  ack: { by: string; via: string; recordedAt: string } | null;
}

/** A case's deliveries, and its authorizations' sources (a delivery names its authorization by id). */
interface CaseDeliveries {
  deliveries: Map<string, DeliveryRecord>;
  sources: Map<string, { sourceAgency: string; reportId: string }>;
}

const iso = (v: Date | string) => new Date(v).toISOString();

/**
 * Applies one event. The authorization (waiver-review's topic) may come back from the log
 * before or after the delivery it caused (the log reads topics independently); a delivery's own
 * events share one topic, so they come in order.
 */
function applyDeliveryEvent(c: CaseDeliveries, e: ForewarnEvent): void {
  const update = (deliveryId: string, change: (d: DeliveryRecord) => Partial<DeliveryRecord>) => {
    const d = c.deliveries.get(deliveryId);
    if (!d) throw new Error(`delivery ${deliveryId}: ${e.type} ${e.eventId} before its WarningDispatched`);
    c.deliveries.set(deliveryId, { ...d, ...change(d), lastEventId: e.eventId });
  };
  switch (e.type) {
    case 'WarningAuthorized':
      c.sources.set(e.eventId, e.data.source);
      for (const d of c.deliveries.values()) if (d.idempotencyKey === e.eventId) d.source = e.data.source;
      return;
    case 'WarningDispatched':
      // A second WarningDispatched is an operator's retry of the same warning: back to PENDING.
      if (c.deliveries.has(e.data.deliveryId)) return update(e.data.deliveryId, () => ({ state: 'PENDING', escalatedAt: null, partner: e.data.partner ?? null }));
      c.deliveries.set(e.data.deliveryId, {
        deliveryId: e.data.deliveryId,
        idempotencyKey: e.data.idempotencyKey,
        caseId: e.caseId,
        correlationId: e.correlationId,
        lastEventId: e.eventId,
        source: c.sources.get(e.data.idempotencyKey) ?? null,
        channel: e.data.warning.channel,
        recipient: e.data.warning.recipient,
        adapter: e.data.adapter,
        partner: e.data.partner ?? null,
        policyVersion: e.policyVersion!,
        warning: e.data.warning,
        text: e.data.text,
        issuedAt: iso(e.occurredAt),
        state: 'PENDING',
        attempts: 0,
        lastError: null,
        deliveredAt: null,
        escalatedAt: null,
        ack: null,
      });
      return;
    case 'WarningDelivered':
      return update(e.data.deliveryId, () => ({ state: 'DELIVERED', attempts: e.data.attempts, deliveredAt: iso(e.occurredAt) }));
    case 'WarningDeliveryFailed':
      return update(e.data.deliveryId, (d) => ({
        attempts: e.data.attempts,
        lastError: e.data.error,
        ...(e.data.final ? { state: 'ESCALATED' as const, escalatedAt: iso(e.occurredAt) } : { state: d.state }),
      }));
    case 'WarningAcknowledged':
      return update(e.data.deliveryId, () => ({ ack: { by: e.data.acknowledgedBy, via: e.data.via, recordedAt: iso(e.occurredAt) } }));
    default:
      return;
  }
}

/** Pure: a case's deliveries (as stored) with more of its events folded in. */
export function foldDeliveries(stored: readonly DeliveryRecord[], events: readonly ForewarnEvent[]): DeliveryRecord[] {
  const c: CaseDeliveries = { deliveries: new Map(stored.map((d) => [d.deliveryId, { ...d }])), sources: new Map() };
  events.forEach((e) => applyDeliveryEvent(c, e));
  return [...c.deliveries.values()];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function fromRow(r: any): DeliveryRecord {
  return {
    deliveryId: r.delivery_id,
    idempotencyKey: r.idempotency_key,
    caseId: r.case_id,
    correlationId: r.correlation_id,
    lastEventId: r.last_event_id,
    source: { sourceAgency: r.source_agency, reportId: r.report_id },
    channel: r.channel,
    recipient: { kind: r.recipient_kind, name: r.recipient_name },
    adapter: r.adapter,
    partner: r.partner,
    policyVersion: r.policy_version,
    warning: r.warning,
    text: r.text,
    issuedAt: iso(r.issued_at),
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    deliveredAt: r.delivered_at && iso(r.delivered_at),
    escalatedAt: r.escalated_at && iso(r.escalated_at),
    ack: r.ack_by === null ? null : { by: r.ack_by, via: r.ack_via, recordedAt: iso(r.ack_recorded_at) },
  };
}

/**
 * Notification's read model: `deliveries`, one row per authorization, the projection of the
 * WarningAuthorized events it handled and the delivery events it emitted. The worker's schedule
 * and acknowledgements as received are kept beside it (delivery_schedule,
 * delivery_acknowledgements): they are not in the events, so not in the read model.
 */
export async function projectDeliveries(sql: Sql, events: readonly ForewarnEvent[]): Promise<void> {
  const cases = byCase(events);
  if (cases.size === 0) return;
  const stored = await sql(`SELECT * FROM deliveries WHERE case_id = ANY($1::text[])`, [[...cases.keys()]]);
  const touched: DeliveryRecord[] = [];
  for (const [caseId, caseEvents] of cases) {
    touched.push(...foldDeliveries(stored.filter((r) => r.case_id === caseId).map(fromRow), caseEvents));
  }
  const orphan = touched.find((d) => d.source === null);
  if (orphan) throw new Error(`delivery ${orphan.deliveryId}: no WarningAuthorized ${orphan.idempotencyKey} among the events`);
  if (touched.length === 0) return;
  await sql(
    `INSERT INTO deliveries (delivery_id, idempotency_key, case_id, correlation_id, last_event_id, source_agency, report_id, channel,
       recipient_kind, recipient_name, adapter, policy_version, warning, text, issued_at, state, attempts, last_error, delivered_at,
       escalated_at, ack_by, ack_via, ack_recorded_at, partner)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
       $10::text[], $11::text[], $12::text[], $13::jsonb[], $14::text[], $15::timestamptz[], $16::text[], $17::int[], $18::text[],
       $19::timestamptz[], $20::timestamptz[], $21::text[], $22::text[], $23::timestamptz[], $24::text[])
     ON CONFLICT (delivery_id) DO UPDATE SET last_event_id = EXCLUDED.last_event_id, source_agency = EXCLUDED.source_agency, partner = EXCLUDED.partner,
       report_id = EXCLUDED.report_id, state = EXCLUDED.state, attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error,
       delivered_at = EXCLUDED.delivered_at, escalated_at = EXCLUDED.escalated_at, ack_by = EXCLUDED.ack_by,
       ack_via = EXCLUDED.ack_via, ack_recorded_at = EXCLUDED.ack_recorded_at`,
    [
      touched.map((d) => d.deliveryId),
      touched.map((d) => d.idempotencyKey),
      touched.map((d) => d.caseId),
      touched.map((d) => d.correlationId),
      touched.map((d) => d.lastEventId),
      touched.map((d) => d.source!.sourceAgency),
      touched.map((d) => d.source!.reportId),
      touched.map((d) => d.channel),
      touched.map((d) => d.recipient.kind),
      touched.map((d) => d.recipient.name),
      touched.map((d) => d.adapter),
      touched.map((d) => d.policyVersion),
      touched.map((d) => JSON.stringify(d.warning)),
      touched.map((d) => d.text),
      touched.map((d) => d.issuedAt),
      touched.map((d) => d.state),
      touched.map((d) => d.attempts),
      touched.map((d) => d.lastError),
      touched.map((d) => d.deliveredAt),
      touched.map((d) => d.escalatedAt),
      touched.map((d) => d.ack?.by ?? null),
      touched.map((d) => d.ack?.via ?? null),
      touched.map((d) => d.ack?.recordedAt ?? null),
      touched.map((d) => d.partner),
    ],
  );
}

export const notificationReadModel: ReadModel = {
  service: 'notification',
  schema: 'notification',
  tables: ['deliveries'],
  consumers: [WARNING_AUTHORIZED_CONSUMER],
  types: ['WarningAuthorized', 'WarningDispatched', 'WarningDelivered', 'WarningDeliveryFailed', 'WarningAcknowledged'],
  apply: projectDeliveries,
};

import type { Delivery, DeliveryState } from '../domain/delivery';

/** An EntityManager inside a transaction, or the DataSource for reads. */
export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, params?: unknown[]): Promise<any>;
}

export type NewDelivery = Omit<
  Delivery,
  'nextAttemptAt' | 'leaseUntil' | 'lastError' | 'escalatedAt' | 'acknowledgement' | 'acknowledgementRecordedAt'
> & { retryNow: boolean };

const iso = (v: Date | string): string => new Date(v).toISOString();
const isoOrNull = (v: Date | string | null): string | null => (v === null ? null : iso(v));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function toDelivery(r: any): Delivery {
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
    policyVersion: r.policy_version,
    warning: r.warning,
    text: r.text,
    issuedAt: iso(r.issued_at),
    state: r.state,
    attempts: r.attempts,
    attemptLimit: r.attempt_limit,
    nextAttemptAt: isoOrNull(r.next_attempt_at),
    leaseUntil: isoOrNull(r.lease_until),
    lastError: r.last_error,
    lastAttemptAt: isoOrNull(r.last_attempt_at),
    deliveredAt: isoOrNull(r.delivered_at),
    escalatedAt: isoOrNull(r.escalated_at),
    acknowledgement: r.ack_by === null ? null : { by: r.ack_by, via: r.ack_via, at: iso(r.ack_at), note: r.ack_note },
    acknowledgementRecordedAt: isoOrNull(r.ack_recorded_at),
  };
}

/** TypeORM answers an UPDATE ... RETURNING with [rows, rowCount], not with the rows. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function updatedRows(result: [any[], number]): any[] {
  return result[0];
}

/** Inserts unless the idempotency key exists; false means a duplicate authorization (nothing written). */
export async function insertDelivery(q: Queryable, d: NewDelivery): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO deliveries (delivery_id, idempotency_key, case_id, correlation_id, last_event_id, source_agency, report_id,
       channel, recipient_kind, recipient_name, adapter, policy_version, warning, text, issued_at, state, attempts,
       attempt_limit, next_attempt_at, last_attempt_at, delivered_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
       CASE WHEN $19 THEN now() END, $20, $21)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING delivery_id`,
    [
      d.deliveryId, d.idempotencyKey, d.caseId, d.correlationId, d.lastEventId, d.source.sourceAgency, d.source.reportId,
      d.channel, d.recipient.kind, d.recipient.name, d.adapter, d.policyVersion, JSON.stringify(d.warning), d.text, d.issuedAt,
      d.state, d.attempts, d.attemptLimit, d.retryNow, d.lastAttemptAt, d.deliveredAt,
    ],
  );
  return rows.length > 0;
}

/** Locks the row (FOR UPDATE) when inside a transaction that will change it. */
export async function findDelivery(q: Queryable, by: { deliveryId: string } | { idempotencyKey: string }, lock = false): Promise<Delivery | null> {
  const [column, value] = 'deliveryId' in by ? ['delivery_id', by.deliveryId] : ['idempotency_key', by.idempotencyKey];
  const rows = await q.query(`SELECT * FROM deliveries WHERE ${column} = $1${lock ? ' FOR UPDATE' : ''}`, [value]);
  return rows.length ? toDelivery(rows[0]) : null;
}

export async function deliveriesOfCase(q: Queryable, caseId: string): Promise<Delivery[]> {
  return (await q.query(`SELECT * FROM deliveries WHERE case_id = $1 ORDER BY issued_at`, [caseId])).map(toDelivery);
}

/** The operators' worklist: open work oldest first, delivered newest first. */
export async function deliveriesInState(q: Queryable, state: DeliveryState | undefined, limit: number): Promise<Delivery[]> {
  const order = state === 'PENDING' || state === 'ESCALATED' ? 'ASC' : 'DESC';
  const rows = await q.query(
    `SELECT * FROM deliveries WHERE ($1::text IS NULL OR state = $1) ORDER BY issued_at ${order}, delivery_id LIMIT $2`,
    [state ?? null, limit],
  );
  return rows.map(toDelivery);
}

/** Counts for the gauges. */
export async function countByState(q: Queryable): Promise<Record<DeliveryState, number>> {
  const rows: { state: DeliveryState; n: number }[] = await q.query(`SELECT state, count(*)::int AS n FROM deliveries GROUP BY state`);
  const counts: Record<DeliveryState, number> = { PENDING: 0, DELIVERED: 0, ESCALATED: 0 };
  for (const r of rows) counts[r.state] = r.n;
  return counts;
}

import type { Acknowledgement, Delivery, DeliveryState } from '../domain/delivery';

/** An EntityManager inside a transaction, or the DataSource for reads. */
export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, params?: unknown[]): Promise<any>;
}

const iso = (v: Date | string): string => new Date(v).toISOString();
const isoOrNull = (v: Date | string | null): string | null => (v === null ? null : iso(v));

/**
 * A delivery as the handlers and the console see it: the read model (`deliveries`, written only by
 * read-model/deliveries.read-model.ts), the worker's schedule and the acknowledgement as received.
 */
const SELECT_DELIVERY = `
  SELECT d.delivery_id, d.idempotency_key, d.case_id, d.correlation_id, d.last_event_id, d.source_agency, d.report_id, d.channel,
    d.recipient_kind, d.recipient_name, d.adapter, d.partner, d.policy_version, d.warning, d.text, d.issued_at, d.state, d.last_error,
    d.delivered_at, d.escalated_at, d.ack_recorded_at, coalesce(s.attempts_started, d.attempts) AS attempts,
    coalesce(s.attempt_limit, d.attempts) AS attempt_limit, s.next_attempt_at, s.lease_until, s.last_attempt_at,
    a.acknowledged_by, a.via AS acknowledged_via, a.acknowledged_at, a.note AS acknowledgement_note
  FROM deliveries d LEFT JOIN delivery_schedule s USING (delivery_id) LEFT JOIN delivery_acknowledgements a USING (delivery_id)`;

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
    partner: r.partner,
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
    acknowledgement:
      r.acknowledged_by === null ? null : { by: r.acknowledged_by, via: r.acknowledged_via, at: iso(r.acknowledged_at), note: r.acknowledgement_note },
    acknowledgementRecordedAt: isoOrNull(r.ack_recorded_at),
  };
}

/** Locks the delivery's read-model row (FOR UPDATE) when inside a transaction that will change it. */
export async function findDelivery(q: Queryable, by: { deliveryId: string } | { idempotencyKey: string }, lock = false): Promise<Delivery | null> {
  const [column, value] = 'deliveryId' in by ? ['d.delivery_id', by.deliveryId] : ['d.idempotency_key', by.idempotencyKey];
  const rows = await q.query(`${SELECT_DELIVERY} WHERE ${column} = $1${lock ? ' FOR UPDATE OF d' : ''}`, [value]);
  return rows.length ? toDelivery(rows[0]) : null;
}

/**
 * Due webhook deliveries no worker holds, locked; SKIP LOCKED so instances never take the same
 * one. A lease that ran out was held by a process that died mid-attempt. (Every change to a
 * delivery's schedule is made holding its `deliveries` row.)
 */
export async function lockDueDeliveries(q: Queryable, limit: number): Promise<Delivery[]> {
  const rows = await q.query(
    `${SELECT_DELIVERY}
     WHERE s.next_attempt_at <= now() AND d.state = 'PENDING' AND d.adapter = 'webhook' AND (s.lease_until IS NULL OR s.lease_until < now())
     ORDER BY s.next_attempt_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED`,
    [limit],
  );
  return rows.map(toDelivery);
}

export async function deliveriesOfCase(q: Queryable, caseId: string): Promise<Delivery[]> {
  return (await q.query(`${SELECT_DELIVERY} WHERE d.case_id = $1 ORDER BY d.issued_at`, [caseId])).map(toDelivery);
}

/** The operators' worklist: open work oldest first, delivered newest first. */
export async function deliveriesInState(q: Queryable, state: DeliveryState | undefined, limit: number): Promise<Delivery[]> {
  const order = state === 'PENDING' || state === 'ESCALATED' ? 'ASC' : 'DESC';
  const rows = await q.query(
    `${SELECT_DELIVERY} WHERE ($1::text IS NULL OR d.state = $1) ORDER BY d.issued_at ${order}, d.delivery_id LIMIT $2`,
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

// ---- the worker's schedule: operational state, not a projection of events ----

/** A new delivery's schedule: due at once (webhook), or done (kafka, delivered in the dispatch). */
export async function scheduleDelivery(q: Queryable, s: { deliveryId: string; attemptsStarted: number; attemptLimit: number; dueNow: boolean; lastAttemptAt: string | null }): Promise<void> {
  await q.query(
    `INSERT INTO delivery_schedule (delivery_id, attempts_started, attempt_limit, next_attempt_at, last_attempt_at)
     VALUES ($1, $2, $3, CASE WHEN $4 THEN now() END, $5)`,
    [s.deliveryId, s.attemptsStarted, s.attemptLimit, s.dueNow, s.lastAttemptAt],
  );
}

/** An attempt starts: counted, leased to this worker until `leaseMs` from now. */
export async function startAttempt(q: Queryable, deliveryId: string, leaseToken: string, leaseMs: number): Promise<void> {
  await q.query(
    `UPDATE delivery_schedule SET attempts_started = attempts_started + 1, lease_token = $2,
       lease_until = now() + make_interval(secs => $3::float8 / 1000), last_attempt_at = now() WHERE delivery_id = $1`,
    [deliveryId, leaseToken, leaseMs],
  );
}

/** Whether this worker still holds the delivery's lease. */
export async function holdsLease(q: Queryable, deliveryId: string, leaseToken: string): Promise<boolean> {
  return (await q.query(`SELECT 1 FROM delivery_schedule WHERE delivery_id = $1 AND lease_token = $2`, [deliveryId, leaseToken])).length > 0;
}

/** The next attempt in `retryInMs` (released), or none (`null`: delivered or escalated). */
export async function scheduleNext(q: Queryable, deliveryId: string, retryInMs: number | null): Promise<void> {
  await q.query(
    `UPDATE delivery_schedule SET next_attempt_at = CASE WHEN $2::float8 IS NULL THEN NULL ELSE now() + make_interval(secs => $2::float8 / 1000) END,
       lease_token = NULL, lease_until = NULL WHERE delivery_id = $1`,
    [deliveryId, retryInMs],
  );
}

/** An operator's retry: a fresh budget, due at once. */
export async function rescheduleForRetry(q: Queryable, deliveryId: string, attemptLimit: number): Promise<void> {
  await q.query(`UPDATE delivery_schedule SET attempt_limit = $2, next_attempt_at = now() WHERE delivery_id = $1`, [deliveryId, attemptLimit]);
}

/** Keeps the first acknowledgement as received (its time and note are not in the event). */
export async function keepAcknowledgement(q: Queryable, deliveryId: string, ack: Acknowledgement): Promise<void> {
  await q.query(
    `INSERT INTO delivery_acknowledgements (delivery_id, acknowledged_by, via, acknowledged_at, note) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (delivery_id) DO NOTHING`,
    [deliveryId, ack.by, ack.via, ack.at, ack.note],
  );
}

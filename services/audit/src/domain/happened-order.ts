/** What the ordering needs of a logged event. */
export interface OrderedEntry {
  position: number;
  eventId: string;
  occurredAt?: string;
  causationId?: string | null;
}

/**
 * A case's events in the order they happened. The log's order is arrival, and the audit
 * service reads each topic on its own, so one service's later events can be logged before
 * another's earlier ones; timestamps alone tie within a millisecond and come from several
 * clocks. So: never before its cause (when the cause is in the list), otherwise earliest
 * occurredAt first, then log position. Purged entries (no occurredAt) keep their log place
 * relative to each other and come first among equals.
 */
export function inHappenedOrder<T extends OrderedEntry>(entries: readonly T[]): T[] {
  const byId = new Map(entries.map((e) => [e.eventId, e]));
  const waiting = new Map<string, T[]>(); // cause eventId -> effects waiting for it
  const ready: T[] = [];
  for (const e of entries) {
    const cause = e.causationId && e.causationId !== e.eventId ? byId.get(e.causationId) : undefined;
    if (cause) waiting.set(cause.eventId, [...(waiting.get(cause.eventId) ?? []), e]);
    else ready.push(e);
  }
  const at = (e: T) => (e.occurredAt ? Date.parse(e.occurredAt) : -Infinity);
  const earlier = (a: T, b: T) => at(a) - at(b) || a.position - b.position;
  const out: T[] = [];
  while (ready.length > 0) {
    ready.sort(earlier);
    const next = ready.shift()!;
    out.push(next);
    ready.push(...(waiting.get(next.eventId) ?? []));
    waiting.delete(next.eventId);
  }
  // A causation cycle cannot come from real producers; keep anything it stranded, in log order.
  if (out.length < entries.length) out.push(...entries.filter((e) => !out.includes(e)));
  return out;
}

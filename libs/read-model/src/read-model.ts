import type { ForewarnEvent, ForewarnEventType } from '@forewarn/contracts';
import type { Sql } from './sql';

/**
 * A service's read model as a projection of events. `apply` is the one function that writes
 * its tables: the live path calls it in the handler's transaction with the events it consumed
 * and emitted, the rebuild calls it with the same events read back from the log (those in the
 * service's outbox, and those its inbox recorded as handled). So a rebuild ends identical to
 * the live tables, not approximately.
 */
export interface ReadModel {
  /** The service, for messages. */
  service: string;
  /** The service's Postgres schema. */
  schema: string;
  /** The tables `apply` writes: truncated and refilled by a rebuild. Nothing else may write them. */
  tables: readonly string[];
  /** The inbox consumers whose handled events the projection reads. */
  consumers: readonly string[];
  /** The event types the projection reads (its own and consumed ones). */
  types: readonly ForewarnEventType[];
  /**
   * Folds events into the tables, in the caller's transaction. Events may belong to many
   * cases; each case's events come in the order they happened on their topics. The result
   * must not depend on how events of different topics interleave: the log and the service
   * read the topics independently.
   */
  apply(sql: Sql, events: readonly ForewarnEvent[]): Promise<unknown>;
}

/** A batch's events by case, each case in the order given. */
export function byCase(events: readonly ForewarnEvent[]): Map<string, ForewarnEvent[]> {
  const cases = new Map<string, ForewarnEvent[]>();
  for (const e of events) {
    const list = cases.get(e.caseId);
    if (list) list.push(e);
    else cases.set(e.caseId, [e]);
  }
  return cases;
}

/** The later of two instants (ISO strings or Dates), as an ISO string; null-safe. */
export function laterOf(a: string | Date | null | undefined, b: string): string {
  if (a === null || a === undefined) return new Date(b).toISOString();
  return new Date(Math.max(new Date(a).getTime(), new Date(b).getTime())).toISOString();
}

/** The earlier of two instants, as an ISO string; null-safe. */
export function earlierOf(a: string | Date | null | undefined, b: string): string {
  if (a === null || a === undefined) return new Date(b).toISOString();
  return new Date(Math.min(new Date(a).getTime(), new Date(b).getTime())).toISOString();
}

/**
 * Consumer-group membership errors. When a member loses its place in the group (its session
 * expired while a slow batch ran, or the group rebalanced), kafkajs re-joins by itself, but
 * only if it sees the protocol error: an offset commit that failed that way reaches the caller
 * wrapped as non-retriable, and thrown back as such it would stop the consumer for good.
 */
const membershipErrors = new Set(['UNKNOWN_MEMBER_ID', 'REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'NOT_COORDINATOR_FOR_GROUP']);

/** The membership protocol error behind `err` (following its causes), if that is what it is. */
export function membershipError(err: unknown): Error | undefined {
  for (let e = err as { type?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.type === 'string' && membershipErrors.has(e.type)) return e as unknown as Error;
  }
  return undefined;
}

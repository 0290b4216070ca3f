import type { ForewarnEventType } from './events';

/** Turns the `data` of version N into the `data` of version N + 1. Pure. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * An old event is upcast on read, never rewritten: each entry lifts one type by one version.
 * The chain runs until the catalogue's current version.
 */
export const Upcasters: Partial<Record<ForewarnEventType, Record<number, Upcaster>>> = {
  ThreatReported: {
    // v1 predates the inbound Kafka topic: every report then came over HTTP.
    1: (data) => ({ ...data, receivedVia: 'HTTP' }),
  },
};

export function upcast(
  type: ForewarnEventType,
  fromVersion: number,
  toVersion: number,
  data: Record<string, unknown>,
): Record<string, unknown> {
  let current = data;
  for (let v = fromVersion; v < toVersion; v++) {
    const step = Upcasters[type]?.[v];
    if (!step) throw new Error(`no upcaster for ${type} v${v} -> v${v + 1}`);
    current = step(current);
  }
  return current;
}

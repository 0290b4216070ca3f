/** Who did something: a person (from their token) or a service (name and version). */
export interface Actor {
  kind: 'person' | 'service';
  id: string;
  organisation?: string;
  roles?: string[];
}

/** The service and version that wrote an event. */
export interface Producer {
  service: string;
  version: string;
}

/**
 * The one envelope every Forewarn event travels in. `data` is the event's own payload;
 * everything else is the metadata auditors need to answer who, when, why and by which rule.
 */
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  eventId: string;
  type: TType;
  schemaVersion: number;
  caseId: string;
  occurredAt: string;
  correlationId: string;
  causationId: string | null;
  producer: Producer;
  actor: Actor;
  /** Set when the event records the outcome of a policy rule. */
  policyVersion?: string;
  data: TData;
}

import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields every log line written inside a unit of work (a request, a Kafka message) should carry. */
export interface LogFields {
  caseId?: string;
  correlationId?: string;
  [field: string]: string | undefined;
}

const storage = new AsyncLocalStorage<LogFields>();

export const LogContext = {
  /** Runs fn with these fields on every log line inside it, across awaits; nested runs add to the outer fields. */
  run<T>(fields: LogFields, fn: () => T): T {
    return storage.run({ ...storage.getStore(), ...defined(fields) }, fn);
  },

  /** The fields of the unit of work in progress, e.g. to stamp correlationId on an emitted event. */
  current(): Readonly<LogFields> | undefined {
    return storage.getStore();
  },

  /** Adds fields learnt mid-way (the caseId of a route); a no-op outside a run. */
  assign(fields: LogFields): void {
    const store = storage.getStore();
    if (store) Object.assign(store, defined(fields));
  },
};

/** pino `mixin`: copies the current LogContext into each line. */
export function logContextMixin(): Record<string, string> {
  return { ...(storage.getStore() as Record<string, string> | undefined) };
}

function defined(fields: LogFields): LogFields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

import { DataSource } from 'typeorm';
import { EventingRuntime, defaultLogger, newEvent, serviceDataSourceOptions, type InboxConsumerOptions, type OutboxMessage } from '../src';
import { createTestDatabase, kafkaAs, ProbeEffects1764100000001, type TestDatabase } from '@forewarn/testing';
import type { ForewarnEvent } from '@forewarn/contracts';

export interface Backbone {
  db: TestDatabase;
  dataSource: DataSource;
  runtime: EventingRuntime;
  close(): Promise<void>;
}

/** A test database with the outbox, inbox and probe effects tables, and a runtime on it. */
export async function openBackbone(label: string, opts: { relay?: boolean; poolSize?: number } = {}): Promise<Backbone> {
  const db = await createTestDatabase(label);
  const dataSource = new DataSource(
    serviceDataSourceOptions({ url: db.serverUrl, database: db.name, schema: 'public', migrations: [ProbeEffects1764100000001], poolSize: opts.poolSize }),
  );
  await dataSource.initialize();
  const runtime = new EventingRuntime({
    service: `test-${label}`,
    // The suite's fixture principal: these tests make topics and groups of their own.
    kafka: kafkaAs(),
    dataSource,
    logger: defaultLogger(`test-${label}`),
    relay: opts.relay ?? true,
  });
  return {
    db,
    dataSource,
    runtime,
    async close() {
      await runtime.stop();
      await dataSource.destroy();
      await db.drop();
    },
  };
}

const producer = { service: 'backbone-test', version: '0.0.0' };

/** A small, valid event (WarningAcknowledged) for case `caseId`, routed to `topic`. */
export function probeEvent(caseId: string, n: number): ForewarnEvent {
  return newEvent('WarningAcknowledged', caseId, { deliveryId: `d-${n}`, via: 'API', acknowledgedBy: 'tester' }, {
    producer,
    actor: { kind: 'service', id: 'backbone-test' },
  });
}

export function toTopic(event: ForewarnEvent, topic: string): OutboxMessage {
  return { messageId: event.eventId, topic, key: event.caseId, value: JSON.stringify(event) };
}


/** Reads raw JSON without an id, as a partner sends it: known by its record's identity. */
export const decodePartnerJson: NonNullable<InboxConsumerOptions<{ caseId: string }>['decode']> = (message, record) => ({
  ok: true,
  value: { id: record.id, type: 'PartnerMessage', value: JSON.parse(message.value?.toString() ?? 'null') },
});

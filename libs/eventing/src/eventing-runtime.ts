import type { ForewarnEvent } from '@forewarn/contracts';
import type { Kafka, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { InboxConsumer, type InboxConsumerOptions } from './inbox/inbox-consumer';
import { TransactionContext, type HandlerContext } from './inbox/handler-context';
import { createKafka, ensureTopics } from './kafka/kafka-client';
import type { KafkaConnection } from './kafka/kafka-connection';
import type { Logger } from './logger';
import { OutboxRelay } from './outbox/outbox-relay';
import { PartnerDirectory } from './partners/partner-directory';

export interface EventingRuntimeOptions {
  service: string;
  /** Where and as whom it connects (kafkaConnectionFromEnv). */
  kafka: KafkaConnection;
  dataSource: DataSource;
  logger: Logger;
  /** Run the outbox relay in this process (default true). */
  relay?: boolean;
  relayBatchSize?: number;
  topicPartitions?: number;
}

/**
 * One service's backbone: a Kafka client, an idempotent producer for dead letters, the outbox
 * relay (with a transactional producer of its own), and the service's inbox consumers.
 * Framework-free so benchmarks, tests and CLIs use the very same code as the services.
 */
export class EventingRuntime {
  readonly kafka: Kafka;
  readonly producer: Producer;
  readonly relay: OutboxRelay;
  /** The partner agencies this deployment exchanges messages with (the registry, cached). */
  readonly partners: PartnerDirectory;
  private readonly consumers: InboxConsumer<unknown>[] = [];
  private readonly consumedTopics = new Set<string>();
  private started = false;

  constructor(private readonly opts: EventingRuntimeOptions) {
    this.kafka = createKafka(opts.service, opts.kafka, opts.logger);
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    this.partners = new PartnerDirectory(opts.dataSource, opts.logger);
    this.relay = new OutboxRelay(opts.dataSource, this.kafka, {
      service: opts.service,
      namespace: process.env.FOREWARN_GROUP_PREFIX ?? '',
      logger: opts.logger,
      batchSize: opts.relayBatchSize,
    });
  }

  /** Declares a consumer; it starts with the runtime (or at once if already started). */
  async consume<T = ForewarnEvent>(options: InboxConsumerOptions<T>): Promise<InboxConsumer<T>> {
    // Tests and side-by-side deployments keep their consumer groups apart with a prefix.
    const groupId = `${process.env.FOREWARN_GROUP_PREFIX ?? ''}${options.groupId ?? options.name}`;
    const consumer = new InboxConsumer<T>(this.kafka, this.opts.dataSource, this.producer, { ...options, groupId }, this.opts.logger, this.partners, () =>
      this.relay.wake(),
    );
    this.consumers.push(consumer as InboxConsumer<unknown>);
    const fixed = Array.isArray(options.topics) ? options.topics : [];
    fixed.forEach((t) => this.consumedTopics.add(t));
    if (this.started) {
      await ensureTopics(this.kafka, fixed, this.opts.topicPartitions);
      await consumer.start();
    }
    return consumer;
  }

  async start(): Promise<void> {
    // Subscribing to a topic that does not exist fails: a service's exist (provisioning); a test's
    // fixtures may create theirs.
    await ensureTopics(this.kafka, [...this.consumedTopics], this.opts.topicPartitions);
    await this.partners.start();
    await this.producer.connect();
    if (this.opts.relay !== false) this.relay.start();
    for (const c of this.consumers) await c.start();
    this.started = true;
  }

  async stop(): Promise<void> {
    for (const c of this.consumers) await c.stop().catch(() => undefined);
    await this.relay.stop().catch(() => undefined);
    await this.producer.disconnect().catch(() => undefined);
    this.partners.stop();
    this.started = false;
  }

  /**
   * Runs a state change and the messages it emits in one transaction, then wakes the relay.
   * This is how HTTP commands write: never publish to Kafka directly.
   */
  async transact<R>(work: (ctx: HandlerContext) => Promise<R>): Promise<R> {
    let emitted = 0;
    const result = await this.opts.dataSource.transaction(async (manager) => {
      const ctx = new TransactionContext(manager, this.partners);
      const r = await work(ctx);
      emitted = ctx.emitted;
      await ctx.flush();
      return r;
    });
    if (emitted > 0) this.relay.wake();
    return result;
  }
}

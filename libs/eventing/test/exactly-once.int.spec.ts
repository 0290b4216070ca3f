import type { ChildProcess } from 'node:child_process';
import { Topics } from '@forewarn/contracts';
import { kafkaEnv, killHard, startCompiled, stopGracefully, uniqueName, waitFor } from '@forewarn/testing';
import { ensureTopics, runtimeKafka } from '../src';
import { openBackbone, probeEvent, toTopic, type Backbone } from './support';

/**
 * Outbox -> relay -> Kafka -> inbox, with the relay and then the consumer SIGKILLed
 * mid-batch and restarted: every event must have exactly one effect.
 */
describe('exactly-once effects across process kills', () => {
  const total = 1500;
  let bb: Backbone;
  let topic: string;
  const children: ChildProcess[] = [];
  const output: string[] = [];

  const worker = (mode: 'relay' | 'consumer', extra: Record<string, string> = {}) => {
    const child = startCompiled('libs/eventing/test/workers/backbone-worker.ts', {
      WORKER_MODE: mode,
      WORKER_DB_SERVER: bb.db.serverUrl,
      WORKER_DB_NAME: bb.db.name,
      WORKER_TOPIC: topic,
      WORKER_GROUP: `${topic}.consumer`,
      ...kafkaEnv(),
      LOG_LEVEL: 'warn',
      ...extra,
    }, (line) => output.push(`[${mode}] ${line}`));
    children.push(child);
    return child;
  };
  const count = async (sql: string) => Number((await bb.dataSource.query(sql))[0].n);

  beforeAll(async () => {
    bb = await openBackbone('exactly_once', { relay: false });
    topic = uniqueName('test.exactly-once');
    // No topic is created by writing to it (auto-creation is off, as on any secured cluster).
    await ensureTopics(bb.runtime.kafka, [topic]);
    await bb.runtime.start();
    // Write every event to the outbox first, in transactions of 100, as services do.
    for (let i = 0; i < total; i += 100) {
      await bb.runtime.transact(async (ctx) => {
        for (let j = i; j < i + 100; j++) ctx.send(toTopic(probeEvent(`case-${j % 37}`, j), topic));
      });
    }
  });

  afterEach(() => {
    // The workers' own logs, for telling which process misbehaved.
    if (process.env.SHOW_WORKER_LOGS) console.log(output.slice(-40).join('\n'));
  });

  afterAll(async () => {
    for (const c of children) await killHard(c);
    await bb.close();
  });

  it('loses and duplicates nothing when the relay and the consumer are killed mid-batch', async () => {
    // Relay: kill it once some, but not all, batches are marked sent.
    const relay1 = worker('relay', { WORKER_BATCH: '25' });
    await waitFor('relay to publish part of the outbox', async () => (await count('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NOT NULL')) >= 200);
    await killHard(relay1);
    const sentAtKill = await count('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NOT NULL');
    expect(sentAtKill).toBeLessThan(total);

    // Consumer: slow handler, kill it mid-flight, while the restarted relay keeps publishing.
    const consumer1 = worker('consumer', { WORKER_BATCH: '40', WORKER_HANDLER_DELAY_MS: '2' });
    const relay2 = worker('relay', { WORKER_BATCH: '25' });
    await waitFor('consumer to handle part of the events', async () => (await count('SELECT count(*)::int AS n FROM effects')) >= 300, 60_000);
    await killHard(consumer1);
    const effectsAtKill = await count('SELECT count(*)::int AS n FROM effects');
    expect(effectsAtKill).toBeLessThan(total);

    const consumer2 = worker('consumer', { WORKER_BATCH: '40' });
    await waitFor('every outbox row to be published', async () => (await count('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL')) === 0, 60_000);
    await waitFor('every event to have its effect', async () => (await count('SELECT count(*)::int AS n FROM effects')) >= total, 90_000);
    // Give any redelivered duplicate time to (wrongly) land before counting.
    await new Promise((r) => setTimeout(r, 1_500));

    expect(await count('SELECT count(*)::int AS n FROM effects')).toBe(total);
    expect(await count('SELECT count(DISTINCT message_id)::int AS n FROM effects')).toBe(total);
    expect(await count('SELECT count(*)::int AS n FROM inbox')).toBe(total);
    await stopGracefully(relay2);
    await stopGracefully(consumer2);
  }, 180_000);

  it('publishes each outbox message once, as a read_committed reader sees it, however the relay is killed', async () => {
    // Partner-bound messages: a topic nobody consumes with an inbox, read as a partner reads it.
    // A database of its own: its relay publishes these rows and no other.
    const own = await openBackbone('exactly_once_relay', { relay: false });
    const partnerTopic = uniqueName('test.exactly-once-relay');
    await ensureTopics(own.runtime.kafka, [partnerTopic]);
    const warnings = 200;
    await own.runtime.transact(async (ctx) => {
      for (let i = 0; i < warnings; i++) ctx.send({ messageId: `w-${i}`, topic: partnerTopic, key: `case-${i % 13}`, value: JSON.stringify({ idempotencyKey: `w-${i}` }) });
    });
    const unsent = async () => Number((await own.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`))[0].n);
    const relay = () => worker('relay', { WORKER_BATCH: '5', WORKER_DB_NAME: own.db.name });

    // The worst moment, made certain: a batch committed to Kafka, its rows not yet marked sent.
    // (The lock lets the relay read the outbox and publish, and holds its UPDATE.)
    const blocker = own.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query('LOCK TABLE outbox IN SHARE MODE');
    const first = relay();
    const [{ partitions }] = await waitFor('a batch committed to Kafka', async () => {
      const admin = own.runtime.kafka.admin();
      await admin.connect();
      try {
        const offsets = await admin.fetchOffsets({ groupId: `worker-relay.outbox-relay.${own.db.name}.public`, topics: [Topics.outboxRelay] });
        return offsets[0]?.partitions.some((p) => Number(p.offset) >= 0) && offsets;
      } finally {
        await admin.disconnect();
      }
    }, 30_000);
    expect(partitions.length).toBeGreaterThan(0);
    await killHard(first);
    // Its connection dies with it: PostgreSQL would otherwise finish the waiting UPDATE for a dead client.
    await own.dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'UPDATE outbox%'`);
    await blocker.rollbackTransaction();
    await blocker.release();
    expect(await unsent()).toBe(warnings);

    // Then kills at random moments, each relay getting a little further than the last.
    for (let kill = 0; kill < 4 && (await unsent()) > 0; kill++) {
      const next = relay();
      await new Promise((r) => setTimeout(r, 1_500 + Math.random() * 1_500));
      await killHard(next);
    }
    const last = relay();
    await waitFor('every warning to be published', async () => (await unsent()) === 0, 60_000);

    const read = await runtimeKafka(own.runtime).readTopic(partnerTopic, { min: warnings });
    const keys = read.map((m) => JSON.parse(m.value!.toString()).idempotencyKey as string);
    expect(keys).toHaveLength(warnings);
    expect(new Set(keys).size).toBe(warnings);
    await stopGracefully(last);
    await own.close();
  }, 180_000);

  it('handles each partner message (no id: known by its record) once when the consumer is killed mid-batch', async () => {
    const partnerTopic = uniqueName('test.exactly-once-partner');
    await ensureTopics(bb.runtime.kafka, [partnerTopic]);
    const producer = bb.runtime.kafka.producer();
    await producer.connect();
    for (let i = 0; i < total; i += 250) {
      await producer.send({ topic: partnerTopic, messages: Array.from({ length: 250 }, (_, k) => ({ key: `partner-${(i + k) % 11}`, value: JSON.stringify({ caseId: `p-${i + k}` }) })) });
    }
    await producer.disconnect();
    const partnerEffects = async () => count(`SELECT count(*)::int AS n FROM effects WHERE case_id LIKE 'p-%'`);
    const env = { WORKER_TOPIC: partnerTopic, WORKER_GROUP: `${partnerTopic}.consumer`, WORKER_MESSAGES: 'partner', WORKER_BATCH: '40' };

    const consumer1 = worker('consumer', { ...env, WORKER_HANDLER_DELAY_MS: '2' });
    await waitFor('the consumer to handle part of the messages', async () => (await partnerEffects()) >= 300, 60_000);
    await killHard(consumer1);
    expect(await partnerEffects()).toBeLessThan(total);

    const consumer2 = worker('consumer', env);
    await waitFor('every message to have its effect', async () => (await partnerEffects()) >= total, 90_000);
    await new Promise((r) => setTimeout(r, 1_500));
    // Records read again after the kill were known by their identity and skipped.
    expect(await partnerEffects()).toBe(total);
    expect(await count(`SELECT count(DISTINCT case_id)::int AS n FROM effects WHERE case_id LIKE 'p-%'`)).toBe(total);
    expect(await count(`SELECT count(*)::int AS n FROM inbox WHERE consumer = '${partnerTopic}.consumer'`)).toBe(total);
    expect(await count(`SELECT count(*)::int AS n FROM inbox WHERE consumer = '${partnerTopic}.consumer' AND message_id = record_id AND message_id ~ ':[0-9a-f]{32}$'`)).toBe(total);
    await stopGracefully(consumer2);

    // Every record delivered once more (the group's offsets back at the start): all recognised.
    const admin = bb.runtime.kafka.admin();
    await admin.connect();
    await admin.resetOffsets({ groupId: env.WORKER_GROUP, topic: partnerTopic, earliest: true });
    const consumer3 = worker('consumer', env);
    const ends = await admin.fetchTopicOffsets(partnerTopic);
    await waitFor('the group to read every record again', async () => {
      const [{ partitions }] = await admin.fetchOffsets({ groupId: env.WORKER_GROUP, topics: [partnerTopic] });
      return ends.every((e) => partitions.find((p) => p.partition === e.partition)?.offset === e.high);
    }, 60_000, 250);
    await admin.disconnect();
    expect(await partnerEffects()).toBe(total);
    expect(await count(`SELECT count(*)::int AS n FROM inbox WHERE consumer = '${partnerTopic}.consumer'`)).toBe(total);
    await stopGracefully(consumer3);
  }, 180_000);
});

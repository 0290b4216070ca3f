/**
 * A stand-alone backbone process for kill tests: runs the outbox relay, or an inbox
 * consumer that writes one effect row per event, against the database and topic in its env.
 * The test SIGKILLs it mid-batch and starts it again.
 */
import { DataSource } from 'typeorm';
import { EventingRuntime, defaultLogger, kafkaConnectionFromEnv, serviceDataSourceOptions } from '../../src';
import { ProbeEffects1764100000001 } from '@forewarn/testing';
import { decodePartnerJson } from '../support';

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

async function main() {
  const mode = env('WORKER_MODE'); // relay | consumer
  const dataSource = new DataSource(
    serviceDataSourceOptions({ url: env('WORKER_DB_SERVER'), database: env('WORKER_DB_NAME'), schema: 'public', migrations: [ProbeEffects1764100000001] }),
  );
  await dataSource.initialize();
  const logger = defaultLogger(`backbone-worker-${mode}`);
  const runtime = new EventingRuntime({
    service: `worker-${mode}`,
    kafka: kafkaConnectionFromEnv(),
    dataSource,
    logger,
    relay: mode === 'relay',
    relayBatchSize: Number(process.env.WORKER_BATCH ?? 50),
  });
  const delayMs = Number(process.env.WORKER_HANDLER_DELAY_MS ?? 0);
  if (mode === 'consumer') {
    // WORKER_MESSAGES=partner: raw JSON without an id, as partners send, known by its record.
    const partner = process.env.WORKER_MESSAGES === 'partner';
    await runtime.consume<{ caseId: string }>({
      name: env('WORKER_GROUP'),
      topics: [env('WORKER_TOPIC')],
      chunkSize: Number(process.env.WORKER_BATCH ?? 50),
      sessionTimeoutMs: 6_000,
      ...(partner ? { decode: decodePartnerJson } : {}),
      handle: async (m, ctx) => {
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
        await ctx.manager.query('INSERT INTO effects (message_id, case_id) VALUES ($1, $2)', [m.id, m.value.caseId]);
      },
    });
  }
  await runtime.start();
  console.log(JSON.stringify({ msg: 'worker ready', mode }));
  const shutdown = async () => {
    await runtime.stop();
    await dataSource.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

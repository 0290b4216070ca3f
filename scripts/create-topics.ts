/** Creates every Forewarn topic that does not exist yet (idempotent), on KAFKA_BROKERS. */
import type { Kafka } from 'kafkajs';
import { Topics } from '@forewarn/contracts';
import { allTopics, brokersFrom, createKafka, defaultLogger, ensureTopics, sleep } from '@forewarn/eventing';

/**
 * On a fresh broker the first consumer-group request creates __consumer_offsets, and its group
 * coordinators answer "loading" for a while: have that happen here, once, rather than in the
 * first service or test that joins a group.
 */
async function warmUpGroupCoordinators(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.fetchOffsets({ groupId: 'forewarn.create-topics', topics: [Topics.deadLetters] });
        return;
      } catch (err) {
        if (attempt >= 60) throw err;
        await sleep(500);
      }
    }
  } finally {
    await admin.disconnect();
  }
}

async function main() {
  const brokers = brokersFrom(process.env.KAFKA_BROKERS);
  const kafka = createKafka('forewarn-create-topics', brokers, defaultLogger('create-topics'));
  await ensureTopics(kafka, allTopics);
  await warmUpGroupCoordinators(kafka);
  console.error(`[forewarn] topics ready on ${brokers.join(',')}: ${allTopics.length}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

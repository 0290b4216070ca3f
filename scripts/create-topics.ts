/** Creates every Forewarn topic that does not exist yet (idempotent), on KAFKA_BROKERS. */
import { allTopics, brokersFrom, createKafka, defaultLogger, ensureTopics } from '@forewarn/eventing';

async function main() {
  const brokers = brokersFrom(process.env.KAFKA_BROKERS);
  await ensureTopics(createKafka('forewarn-create-topics', brokers, defaultLogger('create-topics')), allTopics);
  console.error(`[forewarn] topics ready on ${brokers.join(',')}: ${allTopics.length}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * Makes a Kafka cluster ready for Forewarn, as its admin principal (KAFKA_* variables):
 *   - every internal topic;
 *   - each service's SCRAM credential (its password file under FOREWARN_SECRETS_DIR/kafka) and ACLs
 *     (libs/contracts access.ts), for the deployment's group prefix (FOREWARN_GROUP_PREFIX);
 *   - with --demo-partners, the demo's partner agencies, registered in the database
 *     (DATABASE_URL, FOREWARN_DATABASE) and onboarded (scripts/kafka/onboard-partners.ts);
 *   - with --test-fixtures, the demo's agencies onboarded on the broker only (each test's database
 *     lists them) and the test suite's own principal (test brokers only);
 *   - warm group coordinators.
 * Idempotent: run it on every start; a replaced broker gets everything again.
 */
import { Principals, ServiceNames, serviceGrants, testGrants, Topics, type Grant } from '@forewarn/contracts';
import { registerPartner, withPartnerRegistry } from '@forewarn/database';
import { allTopics, applyGrants, defaultLogger, kafkaConnectionFromEnv, kafkaPort, sleep, topicPartitions, type KafkaPort } from '@forewarn/eventing';
import { DemoPartners } from '@forewarn/testing';
import { ensurePasswordFile } from './local-secrets';
import { onboardPartners } from './onboard-partners';
import { changeScramCredentials } from './scram-credentials';

/**
 * On a fresh broker the first consumer-group request creates __consumer_offsets, and its group
 * coordinators answer "loading" for a while: have that happen here, once, rather than in the
 * first service or test that joins a group.
 */
async function warmUpGroupCoordinators(kafka: KafkaPort): Promise<void> {
  await kafka.withAdmin(async (admin) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.groupOffsets('forewarn.create-topics', [Topics.deadLetters]);
        return;
      } catch (err) {
        if (attempt >= 60) throw err;
        await sleep(500);
      }
    }
  });
}

async function main() {
  const testFixtures = process.argv.includes('--test-fixtures');
  const demoPartners = process.argv.includes('--demo-partners');
  const connection = kafkaConnectionFromEnv();
  const kafka = kafkaPort('forewarn-provision', connection, { logger: defaultLogger('provision-kafka') });
  await kafka.ensureTopics(allTopics, topicPartitions());
  const principals = [...ServiceNames.map(Principals.service), ...(testFixtures ? [Principals.test] : [])];
  await changeScramCredentials(principals.map((p) => ({ upsert: p, passwordFile: ensurePasswordFile(p) })));
  const grants: Grant[] = [...ServiceNames.flatMap((s) => serviceGrants(s, process.env.FOREWARN_GROUP_PREFIX ?? '')), ...(testFixtures ? testGrants() : [])];
  await applyGrants(kafka, grants);
  // The demo's agencies in this deployment's registry (the database is provisioned: scripts/database).
  if (demoPartners) await withPartnerRegistry(async (query) => {
    for (const p of DemoPartners) await registerPartner(query, p);
  });
  const partners = demoPartners || testFixtures ? await onboardPartners(kafka, DemoPartners.map((p) => p.code)) : [];
  await warmUpGroupCoordinators(kafka);
  console.error(
    `[forewarn] kafka ready on ${connection.brokers.join(',')}: ${allTopics.length} topics, ${principals.length} principals, ${grants.length} grants` +
      (partners.length ? `, partners ${partners.map((p) => p.agency).join(' ')}` : ''),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

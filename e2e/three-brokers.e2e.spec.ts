import { partnerTopic, Principals, Topics } from '@forewarn/contracts';
import { killRounds, RunningSystem, type Fault } from '@forewarn/demo';
import { kafkaPort } from '@forewarn/eventing';
import { freeBasePort, kafkaAs, LocalBroker } from '@forewarn/testing';

/**
 * The three-node cluster (FOREWARN_KAFKA_NODES=3): every topic on three replicas with
 * min.insync.replicas 2, and a broker SIGKILLed mid-round loses nothing: the pipeline goes on on
 * the other two, and the partners read each warning once.
 */
describe('a three-node Kafka cluster', () => {
  let cluster: LocalBroker;
  let system: RunningSystem;

  beforeAll(async () => {
    cluster = await LocalBroker.fresh(19_500, 'three', 3);
    // Info level, kept in memory: what the services said is what explains a stuck round.
    system = new RunningSystem(await freeBasePort(4801), { KAFKA_BROKERS: cluster.brokers, LOG_LEVEL: 'info' });
    system.logLines = 5_000;
    await system.start();
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
    await cluster?.wipe();
  }, 60_000);

  it('replicates every topic three times, acknowledging a write on two', async () => {
    const admin = await kafkaPort('three-test', { ...kafkaAs(Principals.admin), brokers: cluster.brokers.split(',') }).admin();
    try {
      const topics = [Topics.intakeEvents, Topics.outboxRelay, partnerTopic('FSB', 'warnings'), partnerTopic('NCTC', 'threat-reports')];
      for (const p of await admin.topicReplicas(topics)) expect({ topic: p.topic, replicas: p.replicas }).toEqual({ topic: p.topic, replicas: 3 });
      expect((await admin.topicConfig(Topics.intakeEvents, ['min.insync.replicas']))['min.insync.replicas']).toBe('2');
    } finally {
      await admin.close();
    }
  });

  it('carries reports to warnings on it, each once', async () => {
    const none: Fault = { name: 'none', inject: async () => undefined, heal: async () => undefined };
    const [round] = await killRounds(system, { rounds: 1, cases: 100, faults: [none] });
    expect(round).toMatchObject({ cases: 100, warnings: 100, duplicateWarnings: 0, missingWarnings: 0, duplicateStatuses: 0 });
  }, 300_000);

  it('loses and repeats nothing when a broker is killed mid-round, and goes on while it is down', async () => {
    // Node 1: the first address every client was given. It stays down for the whole round.
    const loseNode1: Fault = { name: 'kafka node 1', inject: async () => cluster.killNode(1), heal: async () => undefined };
    const [round] = await killRounds(system, { rounds: 1, cases: 200, faults: [loseNode1], maxKillDelayMs: 1_000 }).catch((err) => {
      system.writeLogs('three-brokers');
      throw err;
    });
    expect(round).toMatchObject({ cases: 200, warnings: 200, duplicateWarnings: 0, missingWarnings: 0, duplicateStatuses: 0 });
    // Back, it catches up from the others, and the next round uses all three again.
    await cluster.start();
    const none: Fault = { name: 'none', inject: async () => undefined, heal: async () => undefined };
    const [again] = await killRounds(system, { rounds: 1, cases: 100, faults: [none] });
    expect(again).toMatchObject({ cases: 100, warnings: 100, duplicateWarnings: 0, missingWarnings: 0, duplicateStatuses: 0 });
  }, 420_000);
});

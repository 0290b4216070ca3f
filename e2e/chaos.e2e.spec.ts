import { chaosRun, cutDatabase, dropConnections, killAnyInstance, RunningSystem } from '@forewarn/demo';
import { FaultProxy, freeBasePort, LocalBroker, testDatabaseServerUrl } from '@forewarn/testing';

/**
 * The short chaos run of every `./forewarn test` (the long one is `./forewarn chaos`): 1,000
 * reports over HTTP and NCTC's topic in 90 s to two instances of every service, while instances
 * are SIGKILLed, the database is cut off for 5 s and its connections dropped. Every case must end
 * acknowledged, none lost, no partner message twice, the audit chain intact and every decision
 * re-verified. It has a one-node broker of its own: the suite's shared one holds other tests'
 * fabricated events (decisions made wrong on purpose, to test the verifier), which a new system
 * reads from the start and the verifier rightly rejects. (No node is lost on one node; the
 * three-node run is `./forewarn chaos`, docs/reliability.md.)
 */
describe('chaos, short', () => {
  let proxy: FaultProxy;
  let system: RunningSystem;
  let broker: LocalBroker;

  beforeAll(async () => {
    broker = await LocalBroker.fresh(19_600, 'chaos-short');
    proxy = await FaultProxy.inFrontOf(testDatabaseServerUrl());
    system = new RunningSystem(await freeBasePort(4951, 10), { KAFKA_BROKERS: broker.brokers, DATABASE_URL: proxy.url, LOG_LEVEL: 'warn' }, undefined, 2);
    await system.start();
  }, 240_000);

  afterAll(async () => {
    await system?.stop();
    await proxy?.stop();
    await broker?.wipe();
  }, 60_000);

  it('loses nothing, sends nothing twice, and keeps the log provable through killed instances and database faults', async () => {
    const report = await chaosRun(system, {
      cases: 1_000,
      minutes: 1.5,
      faults: [killAnyInstance(system), cutDatabase(system, proxy, 5_000), dropConnections(system)],
      faultCount: 4,
      log: (line) => console.log(line),
    }).catch((err) => {
      system.writeLogs('chaos-short');
      throw err;
    });
    console.log(JSON.stringify(report, null, 1));
    expect(report.faults).toHaveLength(4);
    expect(report).toMatchObject({ cases: 1_000, terminal: 1_000, lost: 0, duplicateWarnings: 0, duplicateStatuses: 0, integrity: 'INTACT', mismatches: 0, mismatchKinds: [] });
    // Each case's three decisions (DutyDetermined, WaiverReviewOpened, DeliveryPlanned), re-run.
    expect(report.decisionsVerified).toBe(3_000);
  }, 600_000);
});

import { killRounds, RunningSystem, type KillRound } from '@forewarn/demo';
import { freeBasePort } from '@forewarn/testing';

/**
 * The partner contract: one warning per decision, each case status once, as a read_committed
 * reader sees it, however a service dies. Reports go in on NCTC's topic; in each round a service
 * is SIGKILLed at a random moment and started again. The benchmark harness runs 20 such rounds
 * (npm run bench:kill); this is a few of them.
 */
describe('partner messages exactly once across SIGKILLs', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = new RunningSystem(await freeBasePort(4501), { LOG_LEVEL: 'warn' });
    await system.start();
  }, 120_000);

  afterAll(async () => system?.stop());

  it('puts each warning and case status on the partner topics once, and loses none, when notification, waiver-review and intake are killed', async () => {
    const rounds: KillRound[] = await killRounds(system, { rounds: 3, cases: 200, services: ['notification', 'waiver-review', 'intake'] });
    for (const r of rounds) {
      expect({ round: r.round, killed: r.killed, cases: r.cases, warnings: r.warnings, duplicateWarnings: r.duplicateWarnings, missingWarnings: r.missingWarnings, duplicateStatuses: r.duplicateStatuses }).toEqual({
        round: r.round,
        killed: r.killed,
        cases: 200,
        warnings: 200,
        duplicateWarnings: 0,
        missingWarnings: 0,
        duplicateStatuses: 0,
      });
    }
  }, 600_000);
});

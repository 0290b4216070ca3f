/**
 * Exactly once to partners under SIGKILL: rounds of Crocus-like reports on NCTC's partner topic,
 * each ending in a warning on the FSB's topic; in each round one service (the five in turn) is
 * killed with SIGKILL at a random moment in the first 2 s and started again. Prints, per round and
 * in all, what a read_committed partner read: warnings, duplicates, missing, duplicate statuses,
 * and how long the killed service took to be ready again. Exits 1 on any duplicate or loss.
 *
 *   npm run bench:kill -- --rounds 20 --cases 200
 */
import { killRounds, RunningSystem } from '@forewarn/demo';
import { testBrokers } from '@forewarn/testing';
import { benchBroker } from './bench-broker';
import { arg, fmt, median } from './stats';

const rounds = arg('rounds', 20);
const cases = arg('cases', 200);

async function main() {
  const stopBroker = await benchBroker();
  const system = new RunningSystem(4601, { LOG_LEVEL: 'warn' });
  console.log(`kill rounds: ${rounds} x ${cases} cases, brokers ${testBrokers().join(',')}`);
  await system.start();
  try {
    console.log('round  killed         after ms  ready ms  cases  warnings  duplicates  missing  dup statuses  aborted copies');
    const results = await killRounds(system, {
      rounds,
      cases,
      onRound: (r) =>
        console.log(
          `${String(r.round).padStart(5)}  ${r.killed.padEnd(13)}  ${String(r.killedAfterMs).padStart(8)}  ${String(r.recoveryMs).padStart(8)}  ${String(r.cases).padStart(5)}  ${String(r.warnings).padStart(8)}  ${String(r.duplicateWarnings).padStart(10)}  ${String(r.missingWarnings).padStart(7)}  ${String(r.duplicateStatuses).padStart(12)}  ${String(r.uncommittedCopies).padStart(14)}`,
        ),
    });
    const sum = (f: (r: (typeof results)[number]) => number) => results.reduce((n, r) => n + f(r), 0);
    console.log(
      `in all: ${sum((r) => r.cases)} cases, ${sum((r) => r.warnings)} warnings, ${sum((r) => r.duplicateWarnings)} duplicate warnings, ${sum((r) => r.missingWarnings)} missing, ` +
        `${sum((r) => r.duplicateStatuses)} duplicate statuses; ${sum((r) => r.uncommittedCopies)} copies only a read_uncommitted reader saw; ` +
        `median time to ready after the kill ${fmt(median(results.map((r) => r.recoveryMs)))} ms`,
    );
    if (sum((r) => r.duplicateWarnings + r.missingWarnings + r.duplicateStatuses) > 0) process.exitCode = 1;
  } catch (err) {
    for (const [service, lines] of system.logs) console.error(`--- ${service}\n${lines.slice(-15).join('\n')}`);
    throw err;
  } finally {
    await system.stop();
    await stopBroker();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

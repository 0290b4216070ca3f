/**
 * The chaos run (`./forewarn chaos`): sustained load through HTTP and NCTC's partner topic while
 * service instances are SIGKILLed, the database is cut off or its connections dropped, and (with
 * three Kafka nodes) a broker is lost and restarted. It starts what it needs: a Kafka cluster of
 * its own (unless KAFKA_BROKERS is set, then no broker is lost), a relay in front of PostgreSQL,
 * and the system. Prints each fault with its recovery, then the checks; exits 1 if any fails.
 *
 *   ./forewarn chaos --cases 10000 --minutes 10 [--instances 2] [--nodes 3] [--faults 12]
 */
import { parseArgs } from 'node:util';
import { chaosRun, cutDatabase, dropConnections, killAnyInstance, loseBrokerNode, RunningSystem, type ChaosReport, type Fault, type InjectedFault } from '@forewarn/demo';
import { FaultProxy, freeBasePort, LocalBroker, testDatabaseServerUrl } from '@forewarn/testing';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    minutes: { type: 'string', default: '10' },
    instances: { type: 'string', default: '2' },
    nodes: { type: 'string', default: process.env.FOREWARN_KAFKA_NODES ?? '3' },
    faults: { type: 'string' },
  },
});
const cases = Number(values.cases);
const minutes = Number(values.minutes);
const instances = Number(values.instances);
const nodes = Number(values.nodes) === 1 ? 1 : 3;
// About one fault every 45 s of load, at least three.
const faultCount = values.faults ? Number(values.faults) : Math.max(3, Math.round((minutes * 60) / 45));

function printReport(r: ChaosReport): boolean {
  const checks: [string, boolean, string][] = [
    ['every case terminal (ACKNOWLEDGED)', r.terminal === r.cases, `${r.terminal} of ${r.cases}`],
    ['lost', r.lost === 0, String(r.lost)],
    ['duplicate warnings (read_committed)', r.duplicateWarnings === 0, String(r.duplicateWarnings)],
    ['duplicate case statuses (read_committed)', r.duplicateStatuses === 0, String(r.duplicateStatuses)],
    ['audit integrity', r.integrity === 'INTACT', r.integrity],
    ['decisions re-verified, mismatches', r.decisionsVerified > 0 && r.mismatches === 0, `${r.decisionsVerified} verified, ${r.mismatches} mismatches`],
  ];
  console.log(`\ncases ${r.cases} (${r.viaHttp} over HTTP, ${r.viaTopic} on the partner topic; ${r.httpRetries} HTTP retries after a 503 or a refused connection)`);
  console.log(`received ${r.received}, warned ${r.warned}; settled ${(r.settledMs / 1000).toFixed(1)} s after the last report; ${r.uncommittedCopies} copies only a read_uncommitted reader saw`);
  for (const [what, ok, figure] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'}  ${what.padEnd(42)} ${figure}`);
  for (const kind of r.mismatchKinds) console.log(`      mismatch: ${kind}`);
  const byKind = new Map<string, InjectedFault[]>();
  for (const f of r.faults) {
    const kind = f.name.replace(/^SIGKILL .*/, 'SIGKILL of a service instance').replace(/^kafka node \d+/, 'kafka node');
    byKind.set(kind, [...(byKind.get(kind) ?? []), f]);
  }
  const medianMax = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted.length === 0 ? '-' : `${sorted[Math.floor(sorted.length / 2)]}, ${sorted[sorted.length - 1]}`;
  };
  console.log('\nfault                          times  back ready ms (median, max)  next warning read ms (median, max)');
  for (const [kind, faults] of byKind) {
    const flowing = faults.map((f) => f.flowingMs).filter((ms): ms is number => ms !== undefined);
    console.log(`${kind.padEnd(30)} ${String(faults.length).padStart(5)}  ${medianMax(faults.map((f) => f.recoveryMs)).padEnd(27)}  ${medianMax(flowing)}`);
  }
  return checks.every(([, ok]) => ok);
}

async function main(): Promise<boolean> {
  let broker: LocalBroker | undefined;
  if (!process.env.KAFKA_BROKERS) {
    broker = await LocalBroker.fresh(29_300, 'chaos', nodes);
    process.env.KAFKA_BROKERS = broker.brokers;
  }
  const proxy = await FaultProxy.inFrontOf(testDatabaseServerUrl());
  const system = new RunningSystem(await freeBasePort(4901, 5 * instances), { DATABASE_URL: proxy.url, LOG_LEVEL: 'warn' }, undefined, instances);
  console.log(`chaos: ${cases} cases over ${minutes} min, ${instances} instance(s) of each service, Kafka ${process.env.KAFKA_BROKERS}, ${faultCount} faults`);
  try {
    await system.start();
    const faults: Fault[] = [killAnyInstance(system), cutDatabase(system, proxy, 5_000), dropConnections(system)];
    if (broker && nodes === 3) faults.push(loseBrokerNode(broker, 10_000));
    const report = await chaosRun(system, { cases, minutes, faults, faultCount, log: (line) => console.log(line) });
    return printReport(report);
  } catch (err) {
    for (const [name, lines] of system.logs) console.error(`--- ${name}\n${lines.slice(-10).join('\n')}`);
    throw err;
  } finally {
    await system.stop();
    await proxy.stop();
    await broker?.wipe();
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

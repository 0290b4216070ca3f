/**
 * Feeds the demo scenarios to the running system through its public APIs and prints each
 * case's outcome and the path it took (from the audit log). Exit code 1 if any scenario
 * ends somewhere other than expected.
 */
import { ForewarnClient, newRunId, scenarios, systemUrls } from '@forewarn/demo';

async function main() {
  const client = new ForewarnClient(systemUrls());
  const runId = newRunId();
  console.log(`\nDemo scenarios (run ${runId})\n`);
  let failures = 0;
  const results = await Promise.all(
    scenarios.map(async (s) => {
      try {
        return { s, r: await s.play(client, runId) };
      } catch (err) {
        return { s, error: (err as Error).message };
      }
    }),
  );
  for (const { s, r, error } of results) {
    const ok = r && r.outcome.startsWith(s.expected);
    if (!ok) failures++;
    console.log(`${ok ? '\u2714' : '\u2718'} ${s.title}`);
    if (r) {
      console.log(`    case     ${r.caseId ?? '-'}`);
      console.log(`    outcome  ${r.outcome}${ok ? '' : `   (expected ${s.expected})`}`);
      console.log(`    path     ${r.path.join(' -> ')}`);
      for (const d of r.details) console.log(`    ${d}`);
    } else {
      console.log(`    error    ${error}`);
    }
    console.log('');
  }
  if (failures > 0) {
    console.log(`${failures} scenario(s) did not reach their expected outcome`);
    process.exit(1);
  }
}

void main();

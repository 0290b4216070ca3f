import { spawnSync } from 'node:child_process';

/**
 * `npm audit` of the production dependencies, as a step of `./forewarn test`: it fails the run on
 * any high or critical advisory. The advisory database is a service of the npm registry; where
 * the machine cannot reach it (a registry mirror without the audit endpoint, as on the machines
 * this project is built on), the step says so plainly and names what went unchecked, rather than
 * passing in silence or failing every run for a reason no commit can fix.
 */

export type AuditVerdict =
  | { kind: 'clean'; counts: Record<string, number> }
  | { kind: 'advisories'; counts: Record<string, number>; packages: string[] }
  | { kind: 'unreachable'; reason: string };

const FAILING = ['high', 'critical'];

/** Reads `npm audit --json`'s output: the report, or the registry's refusal. */
export function auditVerdict(json: string): AuditVerdict {
  let report: {
    metadata?: { vulnerabilities?: Record<string, number> };
    vulnerabilities?: Record<string, { severity: string }>;
    statusCode?: number;
    message?: string;
    error?: unknown;
  };
  try {
    report = JSON.parse(json);
  } catch {
    return { kind: 'unreachable', reason: 'npm audit printed no report' };
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts) return { kind: 'unreachable', reason: report.message ?? `the audit endpoint answered ${report.statusCode ?? 'with an error'}` };
  const packages = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => FAILING.includes(v.severity))
    .map(([name, v]) => `${name} (${v.severity})`);
  return FAILING.some((s) => (counts[s] ?? 0) > 0) ? { kind: 'advisories', counts, packages } : { kind: 'clean', counts };
}

function main(): void {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const verdict = auditVerdict(run.stdout);
  const counts = (c: Record<string, number>) => ['critical', 'high', 'moderate', 'low'].map((s) => `${c[s] ?? 0} ${s}`).join(', ');
  switch (verdict.kind) {
    case 'clean':
      console.log(`[forewarn] npm audit (production dependencies): no high or critical advisories (${counts(verdict.counts)})`);
      return;
    case 'advisories':
      console.error(`[forewarn] npm audit (production dependencies): ${counts(verdict.counts)}; fix or upgrade: ${verdict.packages.join(', ')}`);
      process.exitCode = 1;
      return;
    case 'unreachable':
      console.warn(`[forewarn] npm audit: the registry's advisory database cannot be reached from this machine (${verdict.reason}); production dependencies NOT audited in this run`);
  }
}

if (require.main === module) main();

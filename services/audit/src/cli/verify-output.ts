import type { VerifySummary } from '../application/log-verifier';

const n = (x: number) => x.toLocaleString('en-US');

/** The summary an auditor (or a scheduled job's log) reads. */
export function formatVerifySummary(s: VerifySummary, details = 10): string {
  const scope = 'all' in s.scope ? 'whole log' : `case ${s.scope.caseId}`;
  const rate = s.elapsedMs > 0 ? ` (${n(Math.round((s.eventsRead * 1000) / s.elapsedMs))} events/s)` : '';
  const chain =
    s.chain.status === 'INTACT'
      ? `INTACT (${n(s.chain.checked)} entries checked, head ${s.chain.head.position} ${s.chain.head.hash.slice(0, 12)}…)`
      : `BROKEN: ${n(s.chain.breakCount)} problem(s); first at position ${s.chain.firstBreak!.position}: ${s.chain.firstBreak!.kind} - ${s.chain.firstBreak!.detail}`;
  const lines = [
    `audit verify: ${scope}`,
    `  events read         ${n(s.eventsRead)}${s.purgedEntries ? ` (${n(s.purgedEntries)} purged under retention)` : ''}`,
    `  decisions verified  ${n(s.decisionsVerified)}`,
    `  mismatches          ${n(s.mismatches)}`,
    `  chain               ${chain}`,
    `  took                ${(s.elapsedMs / 1000).toFixed(1)} s${rate}`,
  ];
  for (const b of s.chain.breaks.slice(1, details)) lines.push(`  chain: position ${b.position}: ${b.kind} - ${b.detail}`);
  if (s.mismatchGroups.length > 1 || (s.mismatchGroups[0]?.count ?? 0) > 1) {
    for (const g of s.mismatchGroups.slice(0, details)) lines.push(`  ${n(g.count)} x ${g.type} by ${g.producer}: ${g.reason}`);
  }
  for (const d of s.decisions.filter((x) => !x.match).slice(0, details)) {
    lines.push(`  MISMATCH ${d.type} ${d.eventId} (case ${d.caseId}, policy ${d.policyVersion ?? 'none'})${d.error ? `: ${d.error.code} ${d.error.message}` : ''}`);
    for (const f of d.diff.slice(0, 5)) lines.push(`    ${f.path}: recorded ${JSON.stringify(f.recorded)} | recomputed ${JSON.stringify(f.recomputed)}`);
  }
  return lines.join('\n');
}

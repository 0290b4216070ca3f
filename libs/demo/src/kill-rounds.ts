import { randomBytes } from 'node:crypto';
import { Principals } from '@forewarn/contracts';
import { kafkaPort } from '@forewarn/eventing';
import { kafkaAs, waitFor } from '@forewarn/testing';
import { killProcess, type Fault } from './faults';
import { copiesBeyondFirst, DemoTopics, PartnerReader } from './partner-reader';
import { demoReports } from './reports';
import type { RunningSystem } from './running-system';

/** What the partners read in one round: warnings to the FSB, statuses to NCTC, for this round's cases. */
export interface KillRound {
  round: number;
  killed: string;
  /** How long after the first report the fault was injected, and how long until it was healed (ready again). */
  killedAfterMs: number;
  recoveryMs: number;
  cases: number;
  /** Warnings a read_committed reader saw: one per case is right. */
  warnings: number;
  duplicateWarnings: number;
  missingWarnings: number;
  /** Case-status messages identical to one already read (a second copy). */
  duplicateStatuses: number;
  /** What a read_uncommitted reader also saw: copies from transactions the broker aborted. */
  uncommittedCopies: number;
}

/**
 * Rounds of `cases` Crocus-like reports on NCTC's partner topic, each of which ends in a warning
 * on the FSB's topic; in each round one fault (in turn: by default a service SIGKILLed and started
 * again) is injected at a random moment while the round is in flight, then healed. Counts what the partners read: each case's warning
 * once, each status message once, none missing.
 */
export async function killRounds(
  system: RunningSystem,
  opts: {
    rounds: number;
    cases: number;
    /** Processes to kill in turn (`notification`, `notification-2`...); default the five services. */
    services?: string[];
    /** Or other faults, in turn. */
    faults?: Fault[];
    maxKillDelayMs?: number;
    onRound?: (r: KillRound) => void;
  },
): Promise<KillRound[]> {
  const kafka = kafkaPort('kill-rounds', { ...kafkaAs(), brokers: system.client.brokers });
  // The reporting agency itself publishes its reports: the broker authenticates it.
  const partner = kafkaPort('nctc', { ...kafkaAs(Principals.partner('NCTC')), brokers: system.client.brokers });
  const committed = new PartnerReader(kafka, false);
  const uncommitted = new PartnerReader(kafka, true);
  const producer = partner.publisher();
  await Promise.all([committed.start(), uncommitted.start(), producer.connect()]);
  const faults = opts.faults ?? (opts.services ?? ['notification', 'waiver-review', 'assessment', 'intake', 'audit']).map((name) => killProcess(system, name));
  const results: KillRound[] = [];
  try {
    for (let round = 1; round <= opts.rounds; round++) {
      const fault = faults[(round - 1) % faults.length];
      const killed = fault.name;
      const prefix = `KILL-${round}-${randomBytes(3).toString('hex')}`;
      const base = demoReports(prefix).crocus;
      const reportIds = Array.from({ length: opts.cases }, (_, i) => `${prefix}-${i}`);
      const killedAfterMs = Math.round(Math.random() * (opts.maxKillDelayMs ?? 2_000));
      const kill = (async () => {
        await new Promise((r) => setTimeout(r, killedAfterMs));
        await fault.inject();
        await new Promise((r) => setTimeout(r, fault.downMs ?? 0));
        const down = Date.now();
        await fault.heal();
        return Date.now() - down;
      })();
      for (let i = 0; i < reportIds.length; i += 50) {
        await producer.send({ topic: DemoTopics.reports, acks: -1, messages: reportIds.slice(i, i + 50).map((reportId) => ({ key: reportId, value: JSON.stringify({ ...base, reportId }) })) });
      }
      const recoveryMs = await kill;
      const caseIds = await waitFor(`round ${round}: every report received`, async () => {
        const ids = reportIds.map((id) => committed.received.get(id));
        return ids.every(Boolean) && (ids as string[]);
      }, 180_000, 100);
      await waitFor(`round ${round}: every warning delivered`, async () => caseIds.every((id) => committed.warnings.has(id)), 180_000, 100).catch(() => undefined);
      // Time for a late second copy, if one were coming, to be read.
      await new Promise((r) => setTimeout(r, 2_000));
      const warnings = caseIds.flatMap((id) => committed.warnings.get(id) ?? []);
      const result: KillRound = {
        round,
        killed,
        killedAfterMs,
        recoveryMs,
        cases: caseIds.length,
        warnings: warnings.length,
        duplicateWarnings: caseIds.reduce((n, id) => n + copiesBeyondFirst((committed.warnings.get(id) ?? []).map((v) => JSON.parse(v).idempotencyKey)), 0),
        missingWarnings: caseIds.filter((id) => !committed.warnings.has(id)).length,
        duplicateStatuses: caseIds.reduce((n, id) => n + copiesBeyondFirst(committed.statuses.get(id) ?? []), 0),
        uncommittedCopies: caseIds.reduce((n, id) => n + copiesBeyondFirst([...(uncommitted.warnings.get(id) ?? []), ...(uncommitted.statuses.get(id) ?? [])]), 0),
      };
      results.push(result);
      opts.onRound?.(result);
    }
  } finally {
    await Promise.all([committed.stop(), uncommitted.stop(), producer.disconnect()]);
  }
  return results;
}

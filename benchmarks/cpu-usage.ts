/**
 * Where a benchmark's CPU goes, per process group: CPU seconds (user + system, from
 * /proc/<pid>/stat) spent between two snapshots by each Forewarn service, the Kafka broker,
 * PostgreSQL, the benchmark itself and everything else on the machine. Wall-clock rates on a
 * shared 2-core machine swing with its load; CPU time per case does far less.
 */
import { readdirSync, readFileSync } from 'node:fs';

export type CpuSnapshot = Map<number, { group: string; ticks: number }>;

// USER_HZ: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)).
const TICKS_PER_SECOND = 100;

function readProcess(pid: number): { comm: string; cmdline: string; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm is in parentheses and may hold spaces: the fields after the last ')' are fixed.
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return { comm: stat.slice(stat.indexOf('(') + 1, close), cmdline, ticks };
  } catch {
    return undefined; // exited between readdir and read
  }
}

/** `named` maps pids (the services') to their group names; others are grouped by command. */
export function cpuSnapshot(named: Map<number, string>): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const p = readProcess(pid);
    if (!p) continue;
    const group =
      named.get(pid) ??
      (pid === process.pid
        ? 'benchmark (load + watcher)'
        : p.comm === 'postgres'
          ? 'postgresql'
          : p.comm === 'java' && p.cmdline.includes('kafka')
            ? 'kafka broker'
            : 'rest of the machine');
    snapshot.set(pid, { group, ticks: p.ticks });
  }
  return snapshot;
}

/** CPU seconds per group between two snapshots (processes born in between count in full). */
export function cpuSecondsBetween(before: CpuSnapshot, after: CpuSnapshot): Map<string, number> {
  const seconds = new Map<string, number>();
  for (const [pid, now] of after) {
    const spent = (now.ticks - (before.get(pid)?.ticks ?? 0)) / TICKS_PER_SECOND;
    if (spent > 0) seconds.set(now.group, (seconds.get(now.group) ?? 0) + spent);
  }
  return new Map([...seconds].sort((a, b) => b[1] - a[1]));
}

/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and sums self time by where it was spent: the
 * npm package, Forewarn's own code, Node's internals, socket writes (each one a system call),
 * garbage collection and idle time. Enough to say where a service's time goes.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function bucket(frame: ProfileNode['callFrame']): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg) return pkg[1];
  if (frame.url.includes('/dist/')) return 'forewarn (own code)';
  if (frame.url.startsWith('node:')) return 'node internals';
  if (frame.functionName === 'writev' || frame.functionName === 'writeBuffer' || frame.functionName === 'writeUtf8String') return 'socket writes (syscalls)';
  if (frame.functionName === '(idle)') return 'idle';
  if (frame.functionName === '(garbage collector)') return 'garbage collection';
  return 'other native';
}

/** Milliseconds of self time per bucket, largest first, and the busy total (all but idle). */
export function summarizeCpuProfile(file: string): { busyMs: number; buckets: [string, number][] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const name = bucket(byNode.get(id)!.callFrame);
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const buckets = [...totals].sort((a, b) => b[1] - a[1]);
  const busyMs = buckets.filter(([name]) => name !== 'idle').reduce((sum, [, ms]) => sum + ms, 0);
  return { busyMs, buckets };
}

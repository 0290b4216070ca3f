import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { repoRoot, startCompiled, waitFor } from '@forewarn/testing';

const MAIN = 'services/notification/src/main.ts';

/**
 * Kill tests run the compiled service (dist/), so a stale build would test old code. Fails,
 * naming the command, when any source file is newer than its compiled output.
 */
export function assertBuildIsFresh(roots: string[] = ['services/notification/src']): void {
  const stale: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        const out = join(repoRoot, 'dist', relative(repoRoot, path)).replace(/\.ts$/, '.js');
        if (!existsSync(out) || statSync(out).mtimeMs < statSync(path).mtimeMs) stale.push(relative(repoRoot, path));
      }
    }
  };
  roots.forEach((root) => walk(join(repoRoot, root)));
  if (stale.length > 0) throw new Error(`dist/ is older than ${stale.join(', ')}: run \`npx tsc -p tsconfig.build.json\` first`);
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts dist/services/notification/src/main.js and waits until /health/ready says so. */
export async function startCompiledNotification(env: Record<string, string>, log: string[]): Promise<ChildProcess> {
  const child = startCompiled(MAIN, env, (line) => log.push(line));
  const url = `http://127.0.0.1:${env.NOTIFICATION_PORT}/health/ready`;
  await waitFor(
    'the notification process to be ready',
    async () => {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${log.slice(-5).join('\n')}`);
      return (await fetch(url)).ok;
    },
    45_000,
    200,
  );
  return child;
}

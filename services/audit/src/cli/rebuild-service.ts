import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The services whose read model `audit rebuild --service` rebuilds (audit's own is rebuilt in-process). */
export const REBUILDABLE_SERVICES = ['intake', 'assessment', 'waiver-review', 'notification'] as const;

/**
 * Runs a service's own rebuild entry point (services/<service>/src/read-model/rebuild.ts, compiled)
 * in a child process with this one's output: the projection is the service's code, and one service
 * may not import another's. Resolves with its exit status.
 */
export function rebuildService(service: (typeof REBUILDABLE_SERVICES)[number]): Promise<number> {
  const entry = join(__dirname, '..', '..', '..', service, 'src', 'read-model', 'rebuild.js');
  if (!existsSync(entry)) {
    process.stderr.write(`audit rebuild: ${entry} is missing; build first (npx tsc -p tsconfig.build.json)\n`);
    return Promise.resolve(2);
  }
  // execArgv carries `-r scripts/register-paths.js`, which resolves the @forewarn/* aliases in dist/.
  const child = spawn(process.execPath, [...process.execArgv, entry], { stdio: 'inherit', env: process.env });
  return new Promise((resolve) => {
    child.on('error', (err) => {
      process.stderr.write(`audit rebuild: ${err.message}\n`);
      resolve(2);
    });
    child.on('exit', (code) => resolve(code ?? 2));
  });
}

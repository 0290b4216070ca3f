import { spawn, type ChildProcess } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

// From source (jest) three levels up is the repository; from dist/ (benchmarks) it is dist/.
const threeUp = join(__dirname, '..', '..', '..');
export const repoRoot = basename(threeUp) === 'dist' ? dirname(threeUp) : threeUp;
const distRoot = join(repoRoot, 'dist');

/**
 * Starts a compiled script (dist/<path>.js, built by `npm run build`) in its own process,
 * so a test can SIGKILL it mid-flight. Output goes to the given log (or is dropped).
 * `nodeArgs` go to node itself (a benchmark's --cpu-prof, which NODE_OPTIONS refuses).
 */
export function startCompiled(scriptFromRepoRoot: string, env: Record<string, string>, onOutput?: (line: string) => void, nodeArgs: string[] = [], args: string[] = []): ChildProcess {
  const script = join(distRoot, scriptFromRepoRoot.replace(/\.ts$/, '.js'));
  const child = spawn(process.execPath, [...nodeArgs, '-r', join(repoRoot, 'scripts', 'register-paths.js'), script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Whole lines: a chunk of output can end mid-line, and a line cut in two is two wrong lines.
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', (l) => l && onOutput?.(l));
  }
  return child;
}

/** Runs a compiled script to its end; rejects with its output unless it exits 0. */
export function runCompiled(scriptFromRepoRoot: string, env: Record<string, string>, args: string[] = []): Promise<void> {
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    startCompiled(scriptFromRepoRoot, env, (l) => output.push(l), [], args).once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${scriptFromRepoRoot} ${args.join(' ')} exited ${code}:\n${output.slice(-30).join('\n')}`)),
    );
  });
}

/** A compiled service's release step: its migrations, as the owner role, into the database named in `env`. */
export function migrateCompiled(service: string, env: Record<string, string>): Promise<void> {
  return runCompiled(`services/${service}/src/main.ts`, env, ['migrate']);
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

export function stopGracefully(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

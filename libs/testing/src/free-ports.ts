import { createServer } from 'node:net';

const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/**
 * The first base port from `start` (in steps of 10) whose next `count` ports are all free. On a
 * shared machine another run may hold the usual ports, and a system that cannot bind them would
 * otherwise pass its readiness checks against the other run's services.
 */
export async function freeBasePort(start: number, count = 5, attempts = 20): Promise<number> {
  for (let base = start; base < start + attempts * 10; base += 10) {
    const ports = Array.from({ length: count }, (_, i) => base + i);
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return base;
  }
  throw new Error(`no ${count} free ports from ${start} to ${start + attempts * 10}`);
}

/** Waits until each named service answers /health/ready (or fails after 90 s with its log tail). */
import { systemUrls } from '@forewarn/demo';
import type { ServiceName } from '@forewarn/platform';

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health/ready`)).status === 200;
  } catch {
    return false;
  }
}

async function main(services: ServiceName[]) {
  const urls = systemUrls();
  const deadline = Date.now() + 90_000;
  const pending = new Set(services);
  while (pending.size > 0) {
    for (const s of [...pending]) if (await ready(urls[s])) pending.delete(s);
    if (pending.size === 0) break;
    if (Date.now() > deadline) {
      console.error(`not ready after 90 s: ${[...pending].join(', ')} (see .run/logs/<service>.log)`);
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  console.error(`[forewarn] ready: ${services.join(', ')}`);
}

void main(process.argv.slice(2) as ServiceName[]);

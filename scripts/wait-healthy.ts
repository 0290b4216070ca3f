/**
 * Waits until every instance of each named service (FOREWARN_INSTANCES, default 1) answers
 * /health/ready, or fails after 90 s naming them.
 */
import { serviceInstances } from '@forewarn/demo';
import type { ServiceName } from '@forewarn/platform';

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health/ready`)).status === 200;
  } catch {
    return false;
  }
}

async function main(services: ServiceName[]) {
  const instances = serviceInstances(services, Number(process.env.FOREWARN_INSTANCES ?? 1));
  const deadline = Date.now() + 90_000;
  const pending = new Set(instances);
  while (pending.size > 0) {
    for (const i of [...pending]) if (await ready(i.url)) pending.delete(i);
    if (pending.size === 0) break;
    if (Date.now() > deadline) {
      console.error(`not ready after 90 s: ${[...pending].map((i) => i.name).join(', ')} (see .run/logs/<name>.log)`);
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  console.error(`[forewarn] ready: ${instances.map((i) => i.name).join(', ')}`);
}

void main(process.argv.slice(2) as ServiceName[]);

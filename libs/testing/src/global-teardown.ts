export default async function globalTeardown(): Promise<void> {
  const containers = (globalThis as { __forewarnContainers?: { stop(): Promise<unknown> }[] }).__forewarnContainers ?? [];
  for (const c of containers) await c.stop();
}

module.exports = async function globalTeardown() {
  for (const c of globalThis.__forewarnContainers ?? []) await c.stop();
};

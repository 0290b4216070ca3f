/**
 * Preloaded (node -r) into services under --cpu-prof. node writes the profile only on a
 * normal exit, but NestJS's shutdown hook re-raises SIGTERM after closing the app, which
 * would kill the process unprofiled: this listener keeps the process alive through the first
 * signal (Nest closes) and exits normally on the re-raised one.
 */
let signals = 0;
process.on('SIGTERM', () => {
  if (++signals > 1) process.exit(0);
});

/**
 * Development mode (FOREWARN_DEV_MODE=1): `./forewarn` and the tests set it, and only then do
 * the services believe development tokens (signed with the repository's development secret)
 * beside their identity provider's. A deployment never sets it.
 */
export function isDevelopmentMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.FOREWARN_DEV_MODE === '1' || env.FOREWARN_DEV_MODE === 'true';
}

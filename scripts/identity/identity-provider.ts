/**
 * The development identity provider `./forewarn start` runs (libs/demo startDevIdentityProvider):
 * the demo's people sign in to the console and `./forewarn token` here, as an agency's people
 * would at their own provider. Its signing key is generated on the first start and kept in
 * .run/identity/ (git-ignored), so tokens outlive a restart.
 *   FOREWARN_IDP_PORT (3010), FOREWARN_OIDC_AUDIENCE, FOREWARN_INSTANCES (the consoles to allow)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_AUDIENCE } from '@forewarn/platform';
import { developmentIdentityPort, newSigningKey, serviceInstances, startDevIdentityProvider } from '@forewarn/demo';

async function main(): Promise<void> {
  const dir = join(__dirname, '..', '..', '..', '.run', 'identity');
  const keysFile = join(dir, 'signing-keys.json');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(keysFile)) writeFileSync(keysFile, JSON.stringify({ keys: [await newSigningKey()] }, null, 2), { mode: 0o600 });
  const { keys } = JSON.parse(readFileSync(keysFile, 'utf8'));
  const consoles = serviceInstances(['audit'], Number(process.env.FOREWARN_INSTANCES ?? 1)).map((i) => i.url);
  const provider = await startDevIdentityProvider({
    port: developmentIdentityPort(),
    audience: process.env.FOREWARN_OIDC_AUDIENCE || DEFAULT_AUDIENCE,
    consoleUrls: consoles,
    keys,
  });
  console.log(`development identity provider at ${provider.issuer} for the consoles at ${consoles.join(', ')}`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void provider.close().then(() => process.exit(0)));
}

main().catch((err) => {
  console.error(`identity provider: ${(err as Error).message}`);
  process.exit(1);
});

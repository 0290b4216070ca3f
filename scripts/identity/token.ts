/**
 * Prints a person's access token, got from the identity provider by signing in as them
 * (authorization code with PKCE), for curl, scripts and demos:
 *   ./forewarn token --person otto.operator
 * The provider is FOREWARN_OIDC_ISSUER, or the development one `./forewarn start` runs; its
 * people, with their organisation and roles, are the demo's (libs/demo People).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_AUDIENCE } from '@forewarn/platform';
import { developmentIdentityPort, developmentIssuer, People, signInAs } from '@forewarn/demo';

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Where `./forewarn start` runs the development identity provider (scripts/identity/identity-provider.ts). */
export const DEVELOPMENT_ISSUER = developmentIssuer(developmentIdentityPort());

const people = Object.values(People)
  .map((p) => `  ${p.sub} (${p.org}: ${p.roles.join(', ')})`)
  .join('\n');
const USAGE = `Usage: ./forewarn token --person <login> [--issuer <url>]\nPeople of the development identity provider:\n${people}`;

const processOutput: CliOutput = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Returns the exit code: 0 printed a token, 1 the provider refused or is not there, 2 bad usage (nothing on stdout). */
export async function main(argv: string[], output: CliOutput = processOutput, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const fail = (message: string): number => {
    output.err(`token: ${message}\n${USAGE}`);
    return 2;
  };
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { person: { type: 'string' }, issuer: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    return fail((error as Error).message);
  }
  if (values.help) {
    output.out(USAGE);
    return 0;
  }
  if (!values.person) return fail('--person is required');
  const issuer = values.issuer ?? env.FOREWARN_OIDC_ISSUER ?? DEVELOPMENT_ISSUER;
  const known = Object.values(People).some((p) => p.sub === values.person);
  if (issuer === DEVELOPMENT_ISSUER && !known) return fail(`--person ${values.person}: the development identity provider has no such person`);
  try {
    const { accessToken } = await signInAs(issuer, values.person, env.FOREWARN_OIDC_AUDIENCE || DEFAULT_AUDIENCE);
    output.out(accessToken);
    return 0;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    // Not running: say how to start it, not a stack.
    if (cause === 'ECONNREFUSED') output.err(`token: no identity provider answers at ${issuer}: start the system with ./forewarn start`);
    else output.err(`token: ${(error as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}

/**
 * Prints a signed bearer token for local runs and demos:
 *   node -r tsconfig-paths/register dist/scripts/dev-token.js --person alice --org CIA --roles analyst,senior-reviewer [--ttl 8h]
 * It signs with FOREWARN_JWT_SECRET (or, in development mode, the development secret), so it only
 * works against services sharing that secret.
 */
import { parseArgs } from 'node:util';
import { issueDevToken, isRole, Roles, type DevTokenRequest } from '@forewarn/platform';

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

const USAGE =
  'Usage: dev-token --person <id> --org <organisation> --roles <role>[,<role>...] [--name <display name>] [--ttl 8h]\n' +
  `Roles: ${Roles.join(', ')}`;

const processOutput: CliOutput = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Returns the exit code: 0 printed a token, 1 no secret to sign with, 2 bad usage (nothing printed on stdout). */
export function main(argv: string[], output: CliOutput = processOutput): number {
  const fail = (message: string): number => {
    output.err(`dev-token: ${message}\n${USAGE}`);
    return 2;
  };
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        person: { type: 'string' },
        org: { type: 'string' },
        roles: { type: 'string' },
        name: { type: 'string' },
        ttl: { type: 'string', default: '8h' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return fail((error as Error).message);
  }
  if (values.help) {
    output.out(USAGE);
    return 0;
  }
  if (!values.person || !values.org || !values.roles) return fail('--person, --org and --roles are required');

  const roles = values.roles.split(',').map((role) => role.trim()).filter(Boolean);
  const unknown = roles.filter((role) => !isRole(role));
  if (roles.length === 0 || unknown.length > 0) {
    return fail(`unknown role(s): ${unknown.join(', ') || '(none given)'}. Valid roles: ${Roles.join(', ')}`);
  }
  if (!/^\d+[smhd]$/.test(values.ttl)) return fail(`--ttl ${values.ttl}: use a number with s, m, h or d, e.g. 8h`);

  let token: string;
  try {
    token = issueDevToken({ sub: values.person, org: values.org, roles, name: values.name, expiresIn: values.ttl as DevTokenRequest['expiresIn'] });
  } catch (error) {
    // No secret to sign with (outside development mode): say which variable, not a stack.
    output.err(`dev-token: ${(error as Error).message}`);
    return 1;
  }
  output.out(token);
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}

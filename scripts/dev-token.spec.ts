import { JwtService } from '@nestjs/jwt';
import { jwtModuleOptions, type TokenClaims } from '@forewarn/platform';
import { main } from './dev-token';

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out, err: err.join('\n') };
}

describe('scripts/dev-token main()', () => {
  it('prints one token that the services verify, carrying the person, organisation and roles', () => {
    const { code, out } = run(['--person', 'alice', '--org', 'CIA', '--roles', 'analyst,senior-reviewer', '--name', 'Alice A.', '--ttl', '2h']);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);

    const claims = new JwtService(jwtModuleOptions()).verify<TokenClaims & { iat: number; exp: number; iss: string }>(out[0]);
    expect(claims).toMatchObject({ sub: 'alice', org: 'CIA', roles: ['analyst', 'senior-reviewer'], name: 'Alice A.', iss: 'forewarn' });
    expect(claims.exp - claims.iat).toBe(2 * 3600);
  });

  it('exits 2 listing the valid roles when a role is unknown, printing no token', () => {
    const { code, out, err } = run(['--person', 'bob', '--org', 'FBI', '--roles', 'analyst,admin']);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toContain('unknown role(s): admin');
    expect(err).toContain('Valid roles: agency-submitter, analyst, senior-reviewer, legal-reviewer, operator, auditor');
  });

  it('exits 2 with usage when a required option is missing or an option is unknown', () => {
    expect(run(['--person', 'bob', '--roles', 'analyst'])).toMatchObject({ code: 2, err: expect.stringContaining('--org') });
    expect(run(['--person', 'bob', '--org', 'FBI', '--roles', 'analyst', '--admin'])).toMatchObject({ code: 2, err: expect.stringContaining('Usage:') });
    expect(run(['--person', 'bob', '--org', 'FBI', '--roles', 'analyst', '--ttl', 'forever']).code).toBe(2);
  });

  it('exits 1 naming the variable, printing no token, when there is no secret to sign with', () => {
    const saved = { mode: process.env.FOREWARN_DEV_MODE, secret: process.env.FOREWARN_JWT_SECRET };
    process.env.FOREWARN_DEV_MODE = '0';
    delete process.env.FOREWARN_JWT_SECRET;
    try {
      expect(run(['--person', 'bob', '--org', 'FBI', '--roles', 'analyst'])).toEqual({ code: 1, out: [], err: expect.stringContaining('dev-token: FOREWARN_JWT_SECRET is not set') });
    } finally {
      for (const [name, value] of [['FOREWARN_DEV_MODE', saved.mode], ['FOREWARN_JWT_SECRET', saved.secret]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});

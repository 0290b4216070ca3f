import { Controller, Get, Module, Param, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { HealthModule } from '../health/health.module';
import { AuthModule } from './auth.module';
import { CurrentPerson } from './current-person.decorator';
import { issueDevToken } from './dev-token';
import { jwtModuleOptions, jwtSecret } from './jwt-options';
import { personToActor, type Person } from './person';
import { RequireRoles } from './roles.decorator';

@Controller('cases')
class CasesController {
  @Get(':caseId')
  @RequireRoles('analyst', 'senior-reviewer')
  read(@Param('caseId') caseId: string, @CurrentPerson() person: Person) {
    return { caseId, person, actor: personToActor(person) };
  }

  // No @RequireRoles: any authenticated person may call it.
  @Get()
  list(@CurrentPerson() person: Person) {
    return { person };
  }
}

@Module({ imports: [AuthModule, HealthModule.register({ database: false })], controllers: [CasesController] })
class AuthTestModule {}

interface ErrorBody {
  statusCode: number;
  message: string;
  requiredRoles?: string[];
}
const errorBody = async (response: Response) => (await response.json()) as ErrorBody;

const alice = { sub: 'alice', org: 'CIA', roles: ['analyst'], name: 'Alice A.' };
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('AuthModule', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    app = await NestFactory.create(AuthTestModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(() => app.close());

  const get = (path: string, token?: string) =>
    fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('rejects a request without a token with 401 and says how to authenticate', async () => {
    const response = await get('/cases/c-1');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    expect(await response.json()).toMatchObject({ statusCode: 401, message: expect.stringContaining('Missing bearer token') });
  });

  it('rejects a token signed with another secret', async () => {
    const forged = new JwtService({ secret: 'not-the-secret' }).sign(alice, { issuer: 'forewarn', expiresIn: '1h' });
    const response = await get('/cases/c-1', forged);
    expect(response.status).toBe(401);
    expect((await errorBody(response)).message).toMatch(/Invalid token: invalid signature/);
  });

  it('rejects an expired token and says when it expired', async () => {
    const expired = new JwtService(jwtModuleOptions()).sign({ ...alice, exp: nowSeconds() - 60 });
    const response = await get('/cases/c-1', expired);
    expect(response.status).toBe(401);
    expect((await errorBody(response)).message).toMatch(/^Token expired at \d{4}-/);
  });

  it('rejects a token from another issuer, one without expiry, and an unsigned one', async () => {
    const otherIssuer = new JwtService({ secret: jwtSecret() }).sign(alice, { issuer: 'elsewhere', expiresIn: '1h' });
    const noExpiry = new JwtService(jwtModuleOptions()).sign(alice);
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ ...alice, iss: 'forewarn', exp: nowSeconds() + 600 }),
    ).toString('base64url')}.`;
    const cases: Array<[string, RegExp]> = [
      [otherIssuer, /jwt issuer invalid/],
      [noExpiry, /no expiry/],
      [unsigned, /Invalid token: jwt signature is required/],
    ];
    for (const [token, reason] of cases) {
      const response = await get('/cases/c-1', token);
      expect(response.status).toBe(401);
      expect((await errorBody(response)).message).toMatch(reason);
    }
  });

  it('answers 403 naming the roles needed when the person lacks them', async () => {
    const submitter = issueDevToken({ sub: 'bob', org: 'FBI', roles: ['agency-submitter'] });
    const response = await get('/cases/c-1', submitter);
    expect(response.status).toBe(403);
    const body = await errorBody(response);
    expect(body.message).toContain('requires one of the roles: analyst, senior-reviewer');
    expect(body.message).toContain('you have: agency-submitter');
    expect(body.requiredRoles).toEqual(['analyst', 'senior-reviewer']);
  });

  it('lets a person with the role through and hands the handler the person and actor', async () => {
    const response = await get('/cases/c-1', issueDevToken(alice));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      caseId: 'c-1',
      person: { id: 'alice', organisation: 'CIA', roles: ['analyst'], name: 'Alice A.' },
      actor: { kind: 'person', id: 'alice', organisation: 'CIA', roles: ['analyst'] },
    });
  });

  it('drops roles the platform does not know, so they grant nothing', async () => {
    const token = new JwtService(jwtModuleOptions()).sign({ ...alice, roles: ['superuser', 'auditor'] }, { expiresIn: '1h' });
    const { person } = (await (await get('/cases', token)).json()) as { person: Person };
    expect(person.roles).toEqual(['auditor']);
    expect((await get('/cases/c-1', token)).status).toBe(403);
  });

  it('serves @Public() health routes without a token', async () => {
    const response = await get('/health/live');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });
});

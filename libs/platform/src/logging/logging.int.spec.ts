import { Body, Controller, Get, Logger as NestLogger, Module, Param, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { AuthModule } from '../auth/auth.module';
import { issueDevToken } from '../auth/dev-token';
import { Public } from '../auth/public.decorator';
import { RequireRoles } from '../auth/roles.decorator';
import { LoggingModule } from './logging.module';

type Line = Record<string, unknown> & { level: string; msg?: string };
const lines: Line[] = [];
const destination = { write: (line: string) => void lines.push(JSON.parse(line)) };

@Controller('cases')
class CasesController {
  private readonly logger = new NestLogger(CasesController.name);

  @Get(':caseId')
  @RequireRoles('analyst')
  async read(@Param('caseId') caseId: string) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.logger.log('reading case');
    return { caseId };
  }

  @Post(':caseId/report')
  @RequireRoles('analyst')
  record(@Param('caseId') caseId: string, @Body() report: object) {
    // What TypeORM throws when the insert of a report fails: the SQL, every value, PostgreSQL's detail.
    const driverError = Object.assign(new DatabaseError('new row for relation "threat_reports" violates check constraint "c"', 100, 'error'), {
      code: '23514',
      constraint: 'c',
      detail: `Failing row contains (${caseId}, ${JSON.stringify(report)}).`,
    });
    throw new QueryFailedError('INSERT INTO threat_reports VALUES ($1, $2)', [caseId, JSON.stringify(report)], driverError);
  }
}

@Public()
@Controller('health')
class ProbeController {
  @Get('live')
  live() {
    return { status: 'ok' };
  }
}

@Module({ imports: [LoggingModule.forService('waiver-review', { destination, level: 'info' }), AuthModule], controllers: [CasesController, ProbeController] })
class LoggingTestModule {}

describe('LoggingModule', () => {
  let app: INestApplication;
  let url: string;
  const token = issueDevToken({ sub: 'alice', org: 'CIA', roles: ['analyst'] });

  beforeAll(async () => {
    app = await NestFactory.create(LoggingTestModule, { bufferLogs: true });
    app.useLogger(app.get(Logger));
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(() => app.close());
  beforeEach(() => (lines.length = 0));

  /** The request line is written when the response finishes, which can be just after fetch resolves. */
  async function requestLine(): Promise<Line> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const line = lines.find((l) => l.msg === 'request completed' || l.msg === 'request errored');
      if (line) return line;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no request line in ${JSON.stringify(lines)}`);
  }

  it('logs the request as JSON with service, the caller\'s correlationId and the caseId, token redacted', async () => {
    const response = await fetch(`${url}/cases/case-42`, {
      headers: { authorization: `Bearer ${token}`, 'x-correlation-id': 'corr-123' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-correlation-id')).toBe('corr-123');

    const line = await requestLine();
    expect(line).toMatchObject({ level: 'info', service: 'waiver-review', correlationId: 'corr-123', caseId: 'case-42' });
    expect(JSON.stringify(line)).not.toContain(token);
    expect((line.req as { headers: Record<string, string> }).headers.authorization).toBe('[redacted]');

    // A line written by the handler, after an await, carries the same fields.
    expect(lines.find((l) => l.msg === 'reading case')).toMatchObject({
      service: 'waiver-review',
      context: 'CasesController',
      correlationId: 'corr-123',
      caseId: 'case-42',
    });
  });

  it('generates a correlationId when the caller sends none, or one unsafe to log, and returns it', async () => {
    for (const header of [undefined, 'not an id: {"level":"fake"}']) {
      lines.length = 0;
      const response = await fetch(`${url}/cases/case-7`, {
        headers: { authorization: `Bearer ${token}`, ...(header ? { 'x-correlation-id': header } : {}) },
      });
      const generated = response.headers.get('x-correlation-id');
      expect(generated).toMatch(/^[0-9a-f-]{36}$/);
      expect(await requestLine()).toMatchObject({ correlationId: generated, caseId: 'case-7' });
    }
  });

  it('logs a refused request as a warning that still names the case', async () => {
    const response = await fetch(`${url}/cases/case-9`);
    expect(response.status).toBe(401);
    expect(await requestLine()).toMatchObject({ level: 'warn', caseId: 'case-9', service: 'waiver-review' });
  });

  it('logs a failed insert as the error and the case, never the report, its SQL values or PostgreSQL\'s detail', async () => {
    const secret = 'ASSET NIGHTJAR';
    const response = await fetch(`${url}/cases/case-5/report`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sensitive: { sources: [secret] } }),
    });
    expect(response.status).toBe(500);
    const line = await requestLine();
    expect(line).toMatchObject({ level: 'error', caseId: 'case-5', err: { type: 'QueryFailedError', code: '23514', constraint: 'c' } });
    // Nest's exception handler logs it too, through the same serializer.
    expect(lines.find((l) => l.context === 'ExceptionsHandler')).toMatchObject({ err: { type: 'QueryFailedError', code: '23514' } });
    expect(JSON.stringify(lines)).not.toContain(secret);
  });

  it('keeps probe requests out of info-level logs', async () => {
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines.filter((l) => l.msg === 'request completed')).toEqual([]);
  });
});

import { Body, Controller, Module, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Public } from '../auth/public.decorator';
import { applyHttpDefaults } from './apply-http-defaults';
import { registerErrorStatus } from './error-status';

class ThreatDto {
  @IsIn(['violence', 'kidnapping'])
  type!: string;

  @IsInt()
  @Min(1)
  severity!: number;
}

class TargetDto {
  @IsString()
  name!: string;
}

class ReportDto {
  @IsString()
  summary!: string;

  @ValidateNested()
  @Type(() => ThreatDto)
  threat!: ThreatDto;

  @ValidateNested({ each: true })
  @Type(() => TargetDto)
  targets!: TargetDto[];
}

class WaiverError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

@Public()
@Controller()
class ReportsController {
  @Post('reports')
  submit(@Body() report: ReportDto) {
    // transform: the handler gets class instances, not plain JSON.
    return { isDto: report instanceof ReportDto, severityType: typeof report.threat.severity };
  }

  @Post('fail')
  fail(@Body() body: { code: string; message?: string }) {
    throw new WaiverError(body.code, body.message ?? 'refused');
  }
}

@Module({ controllers: [ReportsController] })
class HttpTestModule {}

const validReport = { summary: 'threat to a journalist', threat: { type: 'violence', severity: 3 }, targets: [{ name: 'J. Doe' }] };

describe('applyHttpDefaults', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    registerErrorStatus('WAIVER.SELF_APPROVAL', 403);
    registerErrorStatus('DELIVERY.', 503);
    app = applyHttpDefaults(await NestFactory.create(HttpTestModule, { logger: false }));
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(() => app.close());

  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('accepts a valid body and hands the handler transformed DTOs', async () => {
    const response = await post('/reports', validReport);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ isDto: true, severityType: 'number' });
  });

  it('answers 400 listing every bad field, nested ones and unknown ones included', async () => {
    const response = await post('/reports', {
      threat: { type: 'rumour', severity: 0 },
      targets: [{ name: 'ok' }, { name: 42 }],
      extra: true,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ field: string; messages: string[] }> };
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: 'Validation failed' });
    const fields = Object.fromEntries(body.errors.map((e) => [e.field, e.messages]));
    expect(Object.keys(fields).sort()).toEqual(['extra', 'summary', 'targets[1].name', 'threat.severity', 'threat.type']);
    expect(fields['threat.type'][0]).toMatch(/must be one of the following values: violence, kidnapping/);
    expect(fields['extra']).toEqual(['property extra should not exist']);
  });

  it('answers 413 with a clear message when the body is over 64kb', async () => {
    const response = await post('/reports', { ...validReport, summary: 'x'.repeat(70 * 1024) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      statusCode: 413,
      error: 'Payload Too Large',
      message: expect.stringMatching(/^Request body is too large: \d+ bytes, the limit is 65536 bytes$/),
    });
  });

  it('still answers 400 for malformed JSON', async () => {
    const response = await fetch(`${url}/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"summary":' });
    expect(response.status).toBe(400);
  });

  it('maps a registered domain error code to its status with code and message', async () => {
    const response = await post('/fail', { code: 'WAIVER.SELF_APPROVAL', message: 'A person cannot approve their own waiver request' });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      code: 'WAIVER.SELF_APPROVAL',
      message: 'A person cannot approve their own waiver request',
    });
  });

  it('maps by prefix, and unregistered codes to 404 / 409 / 422 by their name', async () => {
    const statusOf = async (code: string) => (await post('/fail', { code })).status;
    expect(await statusOf('DELIVERY.CHANNEL_DOWN')).toBe(503);
    expect(await statusOf('CASE.NOT_FOUND')).toBe(404);
    expect(await statusOf('WAIVER.ALREADY_DECIDED')).toBe(409);
    expect(await statusOf('WAIVER.DEADLINE_PASSED')).toBe(422);
  });

  it('keeps other infrastructure error codes as a 500 that hides the details', async () => {
    const response = await post('/fail', { code: '23505', message: 'duplicate key value violates unique constraint "cases_pkey"' });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ statusCode: 500, message: 'Internal server error' });
  });

  it('says 503 with Retry-After when the database cannot be reached, without its address', async () => {
    const response = await post('/fail', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.7:5432' });
    expect({ status: response.status, retryAfter: response.headers.get('retry-after') }).toEqual({ status: 503, retryAfter: '5' });
    const body = await response.json();
    expect(body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'The database is unreachable for now; try again in 5 s' });
  });
});

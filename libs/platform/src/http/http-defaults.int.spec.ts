import { Body, Controller, Get, Header, Module, Param, Post, Query, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { Public } from '../auth/public.decorator';
import { applyHttpDefaults } from './apply-http-defaults';
import { registerErrorStatus } from './error-status';
import { UuidParam } from './uuid-param';

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

class PageQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) before?: number;
  @IsOptional() @IsString() order?: string;
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

  @Get('cases/:caseId')
  read(@UuidParam('caseId') caseId: string, @Query() query: PageQuery) {
    return { caseId, query };
  }

  // As the console page does: its own, stricter policy.
  @Get('page')
  @Header('Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'")
  page() {
    return 'page';
  }

  @Get('assets/:name')
  asset(@Param('name') name: string) {
    return { name };
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

  const fieldsOf = async (response: Response) => ((await response.json()) as { errors: Array<{ field: string; messages: string[] }> }).errors;

  it('sends security headers on every answer, refusals included, and no x-powered-by', async () => {
    for (const response of [await post('/reports', validReport), await post('/reports', {}), await fetch(`${url}/nowhere`)]) {
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it("lets a route's own Content-Security-Policy replace helmet's", async () => {
    const response = await fetch(`${url}/page`);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'self'; frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('refuses JSON nested deeper than 64 before parsing it, naming the body, and takes 64', async () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    const deep = await fetch(`${url}/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"summary":${nested(20_000)}}` });
    expect(deep.status).toBe(400);
    expect(await fieldsOf(deep)).toEqual([{ field: 'body', messages: ['Request body nests arrays and objects deeper than 64 levels'] }]);
    // Brackets inside strings are text, not nesting.
    const inText = await post('/reports', { ...validReport, summary: '[{'.repeat(5_000) });
    expect(inText.status).toBe(201);
    const atLimit = await fetch(`${url}/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"summary":${nested(63)}}` });
    // 64 deep in all (the object and 63 arrays) is parsed and validated: the fields are named, not the body.
    const named = (await fieldsOf(atLimit)).map((e) => e.field);
    expect(named).toContain('summary');
    expect(named).not.toContain('body');
  });

  it('refuses a NUL or a lone surrogate anywhere in a body with 400 naming the field, with the other errors', async () => {
    const response = await post('/reports', { ...validReport, summary: 'a\u0000b', targets: [{ name: 'ok' }, { name: 'x\ud800' }], threat: { type: 'rumour', severity: 3 } });
    expect(response.status).toBe(400);
    const fields = Object.fromEntries((await fieldsOf(response)).map((e) => [e.field, e.messages]));
    expect(Object.keys(fields).sort()).toEqual(['summary', 'targets[1].name', 'threat.type']);
    expect(fields.summary).toEqual(['summary contains a NUL character (U+0000), which cannot be stored']);
    expect(fields['targets[1].name']).toEqual(['targets[1].name contains an unpaired UTF-16 surrogate, which is not valid Unicode']);
    // A surrogate pair is one character, and fine.
    expect((await post('/reports', { ...validReport, summary: 'threat 😀' })).status).toBe(201);
  });

  it('refuses property names the validators would silently drop, as any other unknown one', async () => {
    const raw = `{"summary":"s","threat":{"type":"violence","severity":3,"toString":1},"targets":[],"__proto__":{"x":1},"constructor":2}`;
    const response = await fetch(`${url}/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
    expect(response.status).toBe(400);
    expect((await fieldsOf(response)).map((e) => e.field).sort()).toEqual(['__proto__', 'constructor', 'threat.toString']);
  });

  it('answers 400 naming the path or query parameter that is malformed or unstorable', async () => {
    const id = '5b0c3f4e-9d2a-4c4b-8f1e-2a7d3c9b1e00';
    expect((await fetch(`${url}/cases/${id}?before=42`)).status).toBe(200);
    const cases: Array<[string, string]> = [
      ['/cases/not-a-uuid', 'caseId'],
      [`/cases/${id}%00`, 'caseId'],
      [`/cases/${id}?before=99999999999999999999999`, 'before'],
      [`/cases/${id}?before=1.5`, 'before'],
      [`/cases/${id}?order=%00`, 'order'],
      [`/cases/${id}?%00=1`, '\u0000'],
      [`/cases/${id}?__proto__=1`, '__proto__'],
      ['/assets/a%00b', 'name'],
      // Not decodable at all, so the router never learns which parameter it was.
      ['/cases/%E2%82', 'path'],
      ['/cases/%zz', 'path'],
    ];
    for (const [path, field] of cases) {
      const response = await fetch(`${url}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect((await fieldsOf(response)).map((e) => e.field)).toContain(field);
    }
  });

  it('refuses a JSON array where the body is an object, naming the body', async () => {
    const response = await post('/reports', [validReport]);
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toEqual([{ field: 'body', messages: ['the body must be a JSON object, not an array'] }]);
  });

  it('refuses a JSON body that is not UTF-8 with 415', async () => {
    const response = await fetch(`${url}/reports`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-16le' }, body: Buffer.from(JSON.stringify(validReport), 'utf16le') });
    expect(response.status).toBe(415);
  });
});

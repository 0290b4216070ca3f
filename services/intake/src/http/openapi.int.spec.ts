import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Topics } from '@forewarn/contracts';
import { http, KafkaProbe, startService, tokenFor, type RunningService } from '@forewarn/service-testing';

jest.setTimeout(60_000);

/** The service serves its own OpenAPI document, without a token, from the code it runs. */
describe('intake: GET /openapi.json', () => {
  let svc: RunningService;
  const probe = new KafkaProbe();

  beforeAll(async () => {
    svc = await startService(
      {
        name: 'intake',
        appModule: async () => (await import('../app.module')).AppModule,
        // Only HTTP is under test here: no consumer group is positioned.
        consumers: [],
        topics: [Topics.intakeEvents],
      },
      'openapi',
      probe,
    );
  });
  afterAll(async () => {
    await probe.close();
    await svc?.close();
  });

  it('answers 200 with the intake paths, their roles and error bodies, to a caller without a token', async () => {
    const res = await http(svc.url, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    const submit = res.body.paths['/v1/threat-reports'].post;
    expect(submit['x-roles']).toEqual(['agency-submitter', 'analyst']);
    expect(submit.security).toEqual([{ bearer: [] }]);
    expect(submit.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SubmitThreatReportDto' });
    expect(Object.keys(submit.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '401', '403', '429', '503']));
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });

  it('is the committed docs/openapi/intake.json', async () => {
    const res = await http(svc.url, 'GET', '/openapi.json');
    expect(res.body).toEqual(JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'openapi', 'intake.json'), 'utf8')));
  });

  it('still asks a token of the API itself', async () => {
    expect((await http(svc.url, 'POST', '/v1/threat-reports', undefined, {})).status).toBe(401);
    expect((await http(svc.url, 'POST', '/v1/threat-reports', tokenFor('sam', ['agency-submitter']), {})).status).toBe(400);
  });
});

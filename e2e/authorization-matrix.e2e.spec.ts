import { randomUUID } from 'node:crypto';
import { demoReports, newRunId, RunningSystem } from '@forewarn/demo';
import { issueDevToken, Roles, type Role, type ServiceName } from '@forewarn/platform';
import { startGroupsAtEnd } from '@forewarn/service-testing';
import { freeBasePort, waitFor } from '@forewarn/testing';
import { endpoints as hostileEndpoints } from './support/hostile-endpoints';

/**
 * docs/security.md, "Who sees what", walked whole against the running services: every endpoint,
 * as every role, for people of every kind of organisation, about one case CISA reported whose
 * warning went to the FSB. NCTC holds the duty to warn (FOREWARN_DUTY_ORGANISATIONS), CISA
 * reported the case, FBI has nothing to do with it, FSB received its warning.
 */
type Outcome = 'allowed' | 'forbidden' | 'hidden';
type Scope = 'none' | 'case' | 'recipient' | 'submit-for-cisa';

interface Ids {
  caseId: string;
  deliveryId: string;
  reviewState: string;
  assessmentState: string;
}

interface Cell {
  service: ServiceName;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  url: (ids: Ids) => string;
  roles: Role[];
  scope: Scope;
  body?: (ids: Ids) => unknown;
  /** A list: whether the answer shows the case (else it is hidden from the caller). */
  lists?: (body: any, ids: Ids) => boolean;
}

const organisations = { duty: 'NCTC', reporter: 'CISA', unrelated: 'FBI', recipient: 'FSB' } as const;
type OrgKind = keyof typeof organisations;

const run = newRunId();
const cells: Cell[] = [
  { service: 'intake', method: 'POST', path: '/v1/threat-reports', url: () => '/v1/threat-reports', roles: ['agency-submitter', 'analyst'], scope: 'submit-for-cisa', body: () => ({ ...demoReports(run).crocus, sourceAgency: 'CISA', reportId: `MATRIX-${run}-${randomUUID()}` }) },
  { service: 'assessment', method: 'GET', path: '/v1/cases', url: (i) => `/v1/cases?state=${i.assessmentState}&limit=500`, roles: ['analyst'], scope: 'case', lists: (b, i) => b.cases.some((c: { caseId: string }) => c.caseId === i.caseId) },
  { service: 'assessment', method: 'GET', path: '/v1/cases/:caseId/assessment', url: (i) => `/v1/cases/${i.caseId}/assessment`, roles: ['analyst', 'senior-reviewer', 'auditor'], scope: 'case' },
  { service: 'assessment', method: 'POST', path: '/v1/cases/:caseId/assessment', url: (i) => `/v1/cases/${i.caseId}/assessment`, roles: ['analyst'], scope: 'case', body: () => ({ credibility: 'CREDIBLE', specific: true, notes: 'matrix' }) },
  { service: 'waiver-review', method: 'GET', path: '/v1/cases/:caseId/waiver-review', url: (i) => `/v1/cases/${i.caseId}/waiver-review`, roles: ['analyst', 'senior-reviewer', 'legal-reviewer', 'auditor'], scope: 'case' },
  { service: 'waiver-review', method: 'POST', path: '/v1/cases/:caseId/waiver-requests', url: (i) => `/v1/cases/${i.caseId}/waiver-requests`, roles: ['analyst'], scope: 'case', body: () => ({ codes: ['SOURCE_PROTECTION'], justification: 'matrix' }) },
  { service: 'waiver-review', method: 'POST', path: '/v1/cases/:caseId/waiver-requests/:requestId/legal-concurrence', url: (i) => `/v1/cases/${i.caseId}/waiver-requests/${randomUUID()}/legal-concurrence`, roles: ['legal-reviewer'], scope: 'case', body: () => ({ concurs: true, note: 'matrix' }) },
  { service: 'waiver-review', method: 'POST', path: '/v1/cases/:caseId/waiver-requests/:requestId/decision', url: (i) => `/v1/cases/${i.caseId}/waiver-requests/${randomUUID()}/decision`, roles: ['senior-reviewer'], scope: 'case', body: () => ({ decision: 'DENY', note: 'matrix' }) },
  { service: 'waiver-review', method: 'GET', path: '/v1/waiver-reviews', url: (i) => `/v1/waiver-reviews?state=${i.reviewState}&limit=500`, roles: ['senior-reviewer', 'operator'], scope: 'case', lists: (b, i) => b.reviews.some((r: { caseId: string }) => r.caseId === i.caseId) },
  { service: 'waiver-review', method: 'GET', path: '/v1/waiver-reviews/overdue', url: () => '/v1/waiver-reviews/overdue', roles: ['operator', 'senior-reviewer', 'auditor'], scope: 'none' },
  { service: 'waiver-review', method: 'POST', path: '/v1/waiver-reviews/escalations', url: () => '/v1/waiver-reviews/escalations', roles: ['operator'], scope: 'none', body: () => ({}) },
  { service: 'notification', method: 'POST', path: '/v1/deliveries/:deliveryId/acknowledgement', url: (i) => `/v1/deliveries/${i.deliveryId}/acknowledgement`, roles: ['agency-submitter', 'analyst'], scope: 'recipient', body: () => ({ note: 'matrix' }) },
  { service: 'notification', method: 'POST', path: '/v1/deliveries/:deliveryId/retry', url: (i) => `/v1/deliveries/${i.deliveryId}/retry`, roles: ['operator'], scope: 'none' },
  { service: 'notification', method: 'GET', path: '/v1/cases/:caseId/deliveries', url: (i) => `/v1/cases/${i.caseId}/deliveries`, roles: ['operator', 'analyst', 'auditor'], scope: 'case', lists: (b) => b.deliveries.length > 0 },
  { service: 'notification', method: 'GET', path: '/v1/deliveries', url: () => '/v1/deliveries?limit=500', roles: ['operator'], scope: 'none' },
  { service: 'audit', method: 'GET', path: '/v1/audit/cases', url: () => '/v1/audit/cases', roles: ['auditor'], scope: 'none' },
  ...['events', 'state', 'verification', 'report', 'export', 'legal-hold'].map(
    (view): Cell => ({ service: 'audit', method: 'GET', path: `/v1/audit/cases/:caseId/${view}`, url: (i) => `/v1/audit/cases/${i.caseId}/${view}`, roles: ['auditor'], scope: 'none' }),
  ),
  { service: 'audit', method: 'POST', path: '/v1/audit/cases/:caseId/legal-hold', url: (i) => `/v1/audit/cases/${i.caseId}/legal-hold`, roles: ['auditor'], scope: 'none', body: () => ({ reason: 'matrix: litigation' }) },
  { service: 'audit', method: 'DELETE', path: '/v1/audit/cases/:caseId/legal-hold', url: (i) => `/v1/audit/cases/${i.caseId}/legal-hold`, roles: ['auditor'], scope: 'none', body: () => ({ reason: 'matrix: done' }) },
  { service: 'audit', method: 'GET', path: '/v1/audit/integrity', url: () => '/v1/audit/integrity', roles: ['auditor'], scope: 'none' },
  { service: 'audit', method: 'GET', path: '/v1/audit/gaps', url: () => '/v1/audit/gaps', roles: ['auditor'], scope: 'none' },
  { service: 'audit', method: 'GET', path: '/v1/dead-letters', url: () => '/v1/dead-letters', roles: ['operator'], scope: 'none' },
  { service: 'audit', method: 'POST', path: '/v1/dead-letters/:id/redrive', url: () => `/v1/dead-letters/${randomUUID()}/redrive`, roles: ['operator'], scope: 'none', body: () => ({}) },
  { service: 'audit', method: 'GET', path: '/v1/console/me', url: () => '/v1/console/me', roles: [...Roles], scope: 'none' },
  { service: 'audit', method: 'GET', path: '/v1/console/pipeline', url: () => '/v1/console/pipeline', roles: ['operator', 'auditor'], scope: 'none' },
  { service: 'audit', method: 'GET', path: '/v1/console/deadlines', url: () => '/v1/console/deadlines', roles: ['operator', 'auditor'], scope: 'none' },
  { service: 'audit', method: 'GET', path: '/v1/console/dead-letters', url: () => '/v1/console/dead-letters', roles: ['operator'], scope: 'none' },
];

/** What the matrix says `role` of `org` gets at `cell`. */
function expected(cell: Cell, role: Role, org: OrgKind): Outcome {
  if (!cell.roles.includes(role)) return 'forbidden';
  const seesCase = role === 'auditor' || role === 'operator' || org === 'duty' || org === 'reporter';
  switch (cell.scope) {
    case 'case':
      return seesCase ? 'allowed' : 'hidden';
    case 'recipient':
      return org === 'recipient' ? 'allowed' : seesCase ? 'forbidden' : 'hidden';
    case 'submit-for-cisa':
      return org === 'reporter' || (org === 'duty' && role === 'analyst') ? 'allowed' : 'forbidden';
    default:
      return 'allowed';
  }
}

/** A case unknown to the caller: each service's own not-found code for it. */
const HIDDEN_CODES = ['ASSESSMENT.CASE_NOT_FOUND', 'WAIVER.REVIEW_NOT_FOUND', 'DELIVERY.NOT_FOUND'];

describe('who sees and does what (docs/security.md), every endpoint x role x organisation', () => {
  let system: RunningSystem;
  let ids: Ids;
  const threatTexts: string[] = [];

  beforeAll(async () => {
    // The run's shared broker holds every earlier test's messages: this system reads only its own.
    const groupPrefix = `matrix-${run}.`;
    await startGroupsAtEnd(groupPrefix);
    system = new RunningSystem(await freeBasePort(4701), { LOG_LEVEL: 'warn', FOREWARN_DUTY_ORGANISATIONS: organisations.duty, FOREWARN_GROUP_PREFIX: groupPrefix });
    await system.start();
    // CISA's own submitter reports it; the pipeline warns the FSB.
    const report = { ...demoReports(run).crocus, sourceAgency: 'CISA', reportId: `MATRIX-${run}-CASE` };
    threatTexts.push(report.threat.description, report.target.description, report.releasableSummary, report.threat.location!.description);
    const submitted = await system.client.call<{ caseId: string }>('POST', `${system.urls.intake}/v1/threat-reports`, token('agency-submitter', 'reporter'), report);
    expect(submitted.status).toBe(201);
    const caseId = submitted.body.caseId;
    // Its path through the services, named if it does not get there.
    await system.client.waitForEvents(caseId, (events) => events.some((e) => e.type === 'WarningDelivered'), 120_000);
    const delivery = await waitFor('the warning delivered to the FSB', async () => {
      const res = await system.client.call<{ deliveries: { deliveryId: string; state: string }[] }>('GET', `${system.urls.notification}/v1/cases/${caseId}/deliveries`, token('auditor', 'duty'));
      return res.body.deliveries?.find((d) => d.state === 'DELIVERED');
    }, 120_000, 250);
    const assessment = await system.client.call<{ state: string }>('GET', `${system.urls.assessment}/v1/cases/${caseId}/assessment`, token('analyst', 'duty'));
    const review = await system.client.call<{ state: string }>('GET', `${system.urls['waiver-review']}/v1/cases/${caseId}/waiver-review`, token('senior-reviewer', 'duty'));
    ids = { caseId, deliveryId: delivery.deliveryId, assessmentState: assessment.body.state, reviewState: review.body.state };
  }, 240_000);

  afterAll(() => system?.stop(), 60_000);

  function token(role: Role, org: OrgKind): string {
    return issueDevToken({ sub: `${role}@${organisations[org]}`, org: organisations[org], roles: [role] });
  }

  it('covers every endpoint the services answer', () => {
    const walked = new Set(cells.map((c) => `${c.method} ${c.path}`));
    const missing = hostileEndpoints(() => demoReports(run).crocus)
      .filter((e) => !e.public)
      .map((e) => `${e.method} ${e.path}`)
      .filter((e) => !walked.has(e));
    expect(missing).toEqual([]);
  });

  it('gives each role of each organisation what the matrix says, and operators never the threat', async () => {
    const wrong: string[] = [];
    const leaks: string[] = [];
    let requests = 0;
    for (const cell of cells) {
      for (const role of Roles) {
        for (const org of Object.keys(organisations) as OrgKind[]) {
          const res = await fetch(`${system.urls[cell.service]}${cell.url(ids)}`, {
            method: cell.method,
            headers: { authorization: `Bearer ${token(role, org)}`, 'content-type': 'application/json' },
            body: cell.body ? JSON.stringify(cell.body(ids)) : undefined,
          });
          requests++;
          const text = await res.text();
          const body = (() => {
            try {
              return JSON.parse(text);
            } catch {
              return {};
            }
          })();
          let got: Outcome;
          if (res.status === 403) got = 'forbidden';
          else if (res.status === 404 && HIDDEN_CODES.includes(body.code)) got = 'hidden';
          else if (res.status >= 500 || res.status === 401 || res.status === 429) got = `HTTP ${res.status}` as Outcome;
          else if (cell.lists && res.status === 200) got = cell.lists(body, ids) ? 'allowed' : 'hidden';
          else got = 'allowed';
          const want = expected(cell, role, org);
          if (got !== want) wrong.push(`${cell.method} ${cell.path} as ${role} of ${organisations[org]}: ${got} (HTTP ${res.status} ${text.slice(0, 160)}), the matrix says ${want}`);
          if (role === 'operator' && res.ok) for (const t of threatTexts) if (text.includes(t)) leaks.push(`${cell.method} ${cell.path} showed an operator "${t.slice(0, 40)}…"`);
        }
      }
    }
    console.log(`authorization matrix: ${cells.length} endpoints x ${Roles.length} roles x ${Object.keys(organisations).length} organisations = ${requests} requests; ${wrong.length} differ from docs/security.md`);
    expect(wrong).toEqual([]);
    expect(leaks).toEqual([]);
  }, 300_000);

  it('places a legal hold only with a reason that says something, and only on a case that exists', async () => {
    const auditor = token('auditor', 'duty');
    const blank = await system.client.call('POST', `${system.urls.audit}/v1/audit/cases/${ids.caseId}/legal-hold`, auditor, { reason: ' \t ' });
    expect(blank.status).toBe(400);
    expect(JSON.stringify(blank.body)).toContain('reason must not be blank');
    const unknown = await system.client.call('POST', `${system.urls.audit}/v1/audit/cases/${randomUUID()}/legal-hold`, auditor, { reason: 'litigation' });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'AUDIT.CASE_NOT_FOUND' } });
  });
});

import { Credibilities, ProtectorKinds, TargetKinds, ThreatTypes, type ThreatReportSubmission } from '@forewarn/contracts';
import type { PersonKey } from '@forewarn/demo';
import type { ServiceName } from '@forewarn/platform';

/** What a field or query parameter accepts, so a generator can make a value it must refuse. */
export type Kind =
  | { t: 'text' }
  | { t: 'enum'; values: readonly string[] }
  | { t: 'bool' }
  | { t: 'instant' }
  /** Letters and digits only (ids, country codes): a space breaks it. */
  | { t: 'code' }
  | { t: 'list' }
  | { t: 'object' }
  | { t: 'int'; max: number }
  /** Audit's asOf: a log position or an instant; text that is neither is refused. */
  | { t: 'asOf' };

/** `log-case-id`: audit's case ids, a case's UUID or a dead letter's message key (up to 256 characters). */
export type ParamKind = 'uuid' | 'letter-id' | 'log-case-id' | 'asset';

export interface Endpoint {
  service: ServiceName;
  method: 'GET' | 'POST' | 'DELETE';
  /** With `:name` parameters. */
  path: string;
  params: Record<string, ParamKind>;
  /** The query DTO's keys; undefined when the route reads no query (a query is then ignored). */
  query?: Record<string, Kind>;
  /** A valid body and its fields by path ('threat.window.earliest', 'sensitive.sources[0]'). */
  body?: { valid: () => Record<string, unknown>; fields: Record<string, Kind> };
  as: PersonKey | 'agency';
  /** Needs no token (probes, the console's files), so a bad token is no refusal there. */
  public?: boolean;
}

/** Ids of real things, so hostile commands are also tried on cases they could change. */
export interface Seeds {
  warnedCase: string;
  reviewCase: string;
  analystCase: string;
  requestId: string;
  deliveryId: string;
}

const text: Kind = { t: 'text' };
const limit = (max = 500): Kind => ({ t: 'int', max });
const credibility: Kind = { t: 'enum', values: Credibilities };

/** Every path of a report the intake DTO checks, with what it accepts. */
const reportFields: Record<string, Kind> = {
  sourceAgency: { t: 'code' },
  reportId: { t: 'code' },
  reportedAt: { t: 'instant' },
  threat: { t: 'object' },
  'threat.type': { t: 'enum', values: ThreatTypes },
  'threat.description': text,
  'threat.credibility': credibility,
  'threat.window': { t: 'object' },
  'threat.window.earliest': { t: 'instant' },
  'threat.window.latest': { t: 'instant' },
  'threat.location': { t: 'object' },
  'threat.location.description': text,
  'threat.location.countryCode': { t: 'code' },
  'threat.perpetrators': text,
  target: { t: 'object' },
  'target.kind': { t: 'enum', values: TargetKinds },
  'target.description': text,
  'target.name': text,
  'target.usPerson': { t: 'bool' },
  'target.countryCode': { t: 'code' },
  'target.protector': { t: 'object' },
  'target.protector.name': text,
  'target.protector.kind': { t: 'enum', values: ProtectorKinds },
  indicators: { t: 'object' },
  'indicators.victimAlreadyAware': { t: 'bool' },
  'indicators.warningEndangersSources': { t: 'bool' },
  releasableSummary: text,
  sensitive: { t: 'object' },
  'sensitive.classification': text,
  'sensitive.sources': { t: 'list' },
  'sensitive.sources[0]': text,
  'sensitive.methods': { t: 'list' },
  'sensitive.methods[0]': text,
  'sensitive.collectionDetails': text,
};

/** Every HTTP route of the five services, from their controllers, with a person allowed to call it. */
export function endpoints(report: () => ThreatReportSubmission): Endpoint[] {
  const caseId = { caseId: 'uuid' } as const;
  const probes = (['intake', 'assessment', 'waiver-review', 'notification', 'audit'] as const).flatMap((service) =>
    ['/health/live', '/health/ready', '/health', '/metrics'].map((path): Endpoint => ({ service, method: 'GET', path, params: {}, as: 'operator', public: true })),
  );
  const logCase = { caseId: 'log-case-id' } as const;
  const auditCase = (path: string, query?: Record<string, Kind>): Endpoint => ({ service: 'audit', method: 'GET', path: `/v1/audit/cases/:caseId${path}`, params: logCase, query, as: 'auditor' });
  return [
    ...probes,
    { service: 'intake', method: 'POST', path: '/v1/threat-reports', params: {}, body: { valid: () => ({ ...report() }), fields: reportFields }, as: 'agency' },

    { service: 'assessment', method: 'GET', path: '/v1/cases', params: {}, query: { state: { t: 'enum', values: ['NEEDS_ANALYST', 'DUTY', 'NO_DUTY'] }, limit: limit() }, as: 'analyst' },
    { service: 'assessment', method: 'GET', path: '/v1/cases/:caseId/assessment', params: caseId, as: 'analyst' },
    {
      service: 'assessment', method: 'POST', path: '/v1/cases/:caseId/assessment', params: caseId, as: 'analyst',
      body: { valid: () => ({ credibility: 'CREDIBLE', specific: true, notes: 'corroborated' }), fields: { credibility, specific: { t: 'bool' }, notes: text } },
    },

    { service: 'waiver-review', method: 'GET', path: '/v1/cases/:caseId/waiver-review', params: caseId, as: 'analyst' },
    {
      service: 'waiver-review', method: 'POST', path: '/v1/cases/:caseId/waiver-requests', params: caseId, as: 'analyst',
      body: { valid: () => ({ codes: ['VIOLENT_ACTOR'], justification: 'listed commander' }), fields: { codes: { t: 'list' }, 'codes[0]': text, justification: text } },
    },
    {
      service: 'waiver-review', method: 'POST', path: '/v1/cases/:caseId/waiver-requests/:requestId/legal-concurrence', params: { ...caseId, requestId: 'uuid' }, as: 'legal',
      body: { valid: () => ({ concurs: true, note: 'concur' }), fields: { concurs: { t: 'bool' }, note: text } },
    },
    {
      service: 'waiver-review', method: 'POST', path: '/v1/cases/:caseId/waiver-requests/:requestId/decision', params: { ...caseId, requestId: 'uuid' }, as: 'senior',
      body: { valid: () => ({ decision: 'APPROVE', note: 'approved' }), fields: { decision: { t: 'enum', values: ['APPROVE', 'DENY'] }, note: text } },
    },
    { service: 'waiver-review', method: 'GET', path: '/v1/waiver-reviews', params: {}, query: { state: { t: 'enum', values: ['PENDING', 'OPEN', 'WARNING_AUTHORIZED', 'WAIVED'] }, limit: limit() }, as: 'operator' },
    { service: 'waiver-review', method: 'GET', path: '/v1/waiver-reviews/overdue', params: {}, query: { asOf: { t: 'instant' }, limit: limit() }, as: 'operator' },
    { service: 'waiver-review', method: 'POST', path: '/v1/waiver-reviews/escalations', params: {}, body: { valid: () => ({ asOf: '2099-01-01T00:00:00Z' }), fields: { asOf: { t: 'instant' } } }, as: 'operator' },

    { service: 'notification', method: 'POST', path: '/v1/deliveries/:deliveryId/acknowledgement', params: { deliveryId: 'uuid' }, body: { valid: () => ({ note: 'received' }), fields: { note: text } }, as: 'analyst' },
    { service: 'notification', method: 'POST', path: '/v1/deliveries/:deliveryId/retry', params: { deliveryId: 'uuid' }, as: 'operator' },
    { service: 'notification', method: 'GET', path: '/v1/cases/:caseId/deliveries', params: caseId, as: 'operator' },
    { service: 'notification', method: 'GET', path: '/v1/deliveries', params: {}, query: { state: { t: 'enum', values: ['PENDING', 'DELIVERED', 'ESCALATED'] }, limit: limit() }, as: 'operator' },

    { service: 'audit', method: 'GET', path: '/v1/audit/cases', params: {}, query: { status: { t: 'enum', values: ['WARNED', 'WAIVED'] }, limit: limit(), before: limit(Number.MAX_SAFE_INTEGER) }, as: 'auditor' },
    auditCase('/events', { order: { t: 'enum', values: ['log', 'occurred'] } }),
    auditCase('/state', { asOf: { t: 'asOf' } }),
    auditCase('/verification'),
    auditCase('/report', { asOf: { t: 'asOf' } }),
    auditCase('/export'),
    auditCase('/legal-hold'),
    { service: 'audit', method: 'POST', path: '/v1/audit/cases/:caseId/legal-hold', params: logCase, body: { valid: () => ({ reason: 'litigation' }), fields: { reason: text } }, as: 'auditor' },
    { service: 'audit', method: 'DELETE', path: '/v1/audit/cases/:caseId/legal-hold', params: logCase, body: { valid: () => ({ reason: 'settled' }), fields: { reason: text } }, as: 'auditor' },
    { service: 'audit', method: 'GET', path: '/v1/audit/integrity', params: {}, as: 'auditor' },
    { service: 'audit', method: 'GET', path: '/v1/audit/gaps', params: {}, query: { status: { t: 'enum', values: ['open', 'resolved', 'all'] }, limit: limit(1000) }, as: 'auditor' },
    { service: 'audit', method: 'GET', path: '/v1/dead-letters', params: {}, query: { reason: { t: 'enum', values: ['SCHEMA_INVALID', 'REJECTED', 'RETRIES_EXHAUSTED'] }, limit: limit() }, as: 'operator' },
    { service: 'audit', method: 'POST', path: '/v1/dead-letters/:id/redrive', params: { id: 'letter-id' }, body: { valid: () => ({ note: 'back up' }), fields: { note: text } }, as: 'operator' },
    { service: 'audit', method: 'GET', path: '/v1/console/me', params: {}, as: 'operator' },
    { service: 'audit', method: 'GET', path: '/v1/console/pipeline', params: {}, as: 'operator' },
    { service: 'audit', method: 'GET', path: '/v1/console/deadlines', params: {}, as: 'operator' },
    { service: 'audit', method: 'GET', path: '/v1/console/dead-letters', params: {}, query: { limit: limit() }, as: 'operator' },
    { service: 'audit', method: 'GET', path: '/console', params: {}, as: 'operator', public: true },
    { service: 'audit', method: 'GET', path: '/console/assets/:name', params: { name: 'asset' }, as: 'operator', public: true },
  ];
}

/** A report with every optional part present, so a mutation never leaves a sibling missing. */
export function completeReport(base: ThreatReportSubmission, reportId: string): ThreatReportSubmission {
  return { ...base, reportId, indicators: { victimAlreadyAware: false, warningEndangersSources: false }, target: { ...base.target, name: 'A. Person' } };
}

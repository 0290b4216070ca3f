import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { seesCase, visibleSources, type Caller } from '@forewarn/platform';
import type { AssessmentCase, CaseStatus } from '../domain/assessment.state';
import { AssessmentError } from '../domain/assessment.errors';
import { findCase, listCases } from '../infrastructure/case.repository';

/** What GET /v1/cases/:caseId/assessment shows: the outcome and why, never the report's secrets. */
export function assessmentView(c: AssessmentCase) {
  return {
    caseId: c.caseId,
    state: c.status,
    outcome: c.decision?.outcome ?? null,
    reasons: c.decision?.reasons ?? [],
    decidedBy: c.decision?.decidedBy ?? null,
    policyVersion: c.decision?.policyVersion ?? null,
    decidedAt: c.decision?.at ?? null,
    receivedAt: c.receivedAt ?? null,
    assessment: c.assessment ?? null,
  };
}

/** One line of an analyst's worklist: enough to pick the case, not the whole report. */
export function worklistItem(c: AssessmentCase) {
  const { threat, target, releasableSummary } = c.report ?? {};
  return {
    caseId: c.caseId,
    state: c.status,
    receivedAt: c.receivedAt,
    threat: threat ? { type: threat.type, window: threat.window ?? null } : null,
    target: target ? { kind: target.kind, description: target.description } : null,
    releasableSummary: releasableSummary ?? null,
    reasons: c.decision?.reasons ?? [],
  };
}

@Injectable()
export class CaseQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** A case `person` may not see is answered as unknown (need to know: libs/platform need-to-know.ts). */
  async assessment(caseId: string, person: Caller) {
    const c = await findCase(this.dataSource.manager, caseId);
    if (!c || !seesCase(person, c.report?.sourceAgency ?? '')) throw new AssessmentError('ASSESSMENT.CASE_NOT_FOUND', `case ${caseId} is not known to assessment`);
    return assessmentView(c);
  }

  async list(status: CaseStatus, limit: number, person: Caller) {
    const cases = await listCases(this.dataSource.manager, status, limit, visibleSources(person));
    return { state: status, cases: cases.map(worklistItem) };
  }
}

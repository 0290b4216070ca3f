import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor, PartnerCaseStatus, ThreatReportSubmission } from '@forewarn/contracts';
import { EventingRuntime, newEvent, type HandlerContext } from '@forewarn/eventing';
import { loadConfig } from '@forewarn/platform';
import { sqlOf } from '@forewarn/read-model';
import { threatReported, type ReceivedVia } from '../domain/threat-report-received';
import { projectThreatReports } from '../read-model/threat-reports.read-model';

export interface SubmissionResult {
  caseId: string;
  duplicate: boolean;
}

const producer = { service: 'intake', version: loadConfig('intake').version };

/**
 * Emits ThreatReported and records the report through the read model's projection, in one
 * transaction. Idempotent on (sourceAgency, reportId): a resubmission returns the first caseId
 * and writes nothing.
 */
@Injectable()
export class SubmitThreatReportHandler {
  constructor(private readonly runtime: EventingRuntime) {}

  submit(report: ThreatReportSubmission, via: ReceivedVia, actor: Actor, correlationId?: string): Promise<SubmissionResult> {
    return this.runtime.transact((ctx) => this.submitIn(ctx, report, via, actor, correlationId));
  }

  async submitIn(ctx: HandlerContext, report: ThreatReportSubmission, via: ReceivedVia, actor: Actor, correlationId?: string): Promise<SubmissionResult> {
    const caseId = randomUUID();
    const receivedAt = new Date().toISOString();
    const event = newEvent('ThreatReported', caseId, threatReported(report, via, receivedAt), { producer, actor, correlationId, occurredAt: receivedAt });
    // The row is written by the read model's projection of the event, as a rebuild writes it.
    const recorded = await projectThreatReports(sqlOf(ctx.manager), [event]);
    if (!recorded.has(caseId)) {
      const [existing] = await ctx.manager.query(`SELECT case_id FROM threat_reports WHERE source_agency = $1 AND report_id = $2`, [
        report.sourceAgency,
        report.reportId,
      ]);
      return { caseId: existing.case_id, duplicate: true };
    }
    ctx.emit(event);
    const status: PartnerCaseStatus = {
      schemaVersion: 1,
      caseId,
      sourceAgency: report.sourceAgency,
      reportId: report.reportId,
      status: 'RECEIVED',
      at: receivedAt,
    };
    await ctx.sendCaseStatus({ messageId: `status:${caseId}:RECEIVED`, status });
    return { caseId, duplicate: false };
  }
}

import { randomBytes } from 'node:crypto';
import { partnerTopic, type PartnerAcknowledgement, type PartnerCaseStatus, type ThreatReportSubmission } from '@forewarn/contracts';
import { kafkaPort, type KafkaConnection, type KafkaPort, type RecordPublisher } from '@forewarn/eventing';
import { waitFor } from '@forewarn/testing';

/**
 * One partner agency on its own topics only, connected as its own principal, as an integration
 * would be: it reports threats, reads the status of its cases and the warnings addressed to it,
 * and acknowledges them. It reads its topics from the start of the current broker's log.
 */
export class PartnerAgency {
  private readonly kafka: KafkaPort;
  private producer?: RecordPublisher;
  private stopReading?: () => Promise<void>;
  /** Every status seen, per caseId. */
  readonly statuses = new Map<string, Set<string>>();
  /** caseId per reportId, from the RECEIVED status. */
  readonly caseOf = new Map<string, string>();
  /** Idempotency key per caseId, from the warnings received. */
  readonly warnings = new Map<string, string>();

  constructor(
    readonly agency: string,
    connection: KafkaConnection,
  ) {
    this.kafka = kafkaPort(`partner-${agency}`, connection);
  }

  async connect(): Promise<void> {
    this.producer = this.kafka.publisher({ idempotent: true });
    await this.producer.connect();
    // Its groups are its own: partner.<agency>.* (the only ones its ACLs allow).
    const warnings = partnerTopic(this.agency, 'warnings');
    this.stopReading = await this.kafka.subscribe(
      [partnerTopic(this.agency, 'case-status'), warnings],
      ({ topic, ...message }) => {
        const value = JSON.parse(message.value!.toString());
        if (topic === warnings) {
          this.warnings.set(message.key!.toString(), value.idempotencyKey);
          return;
        }
        const status = value as PartnerCaseStatus;
        this.caseOf.set(status.reportId, status.caseId);
        const seen = this.statuses.get(status.caseId) ?? new Set<string>();
        this.statuses.set(status.caseId, seen.add(status.status));
      },
      { groupId: `partner.${this.agency}.e2e-${randomBytes(4).toString('hex')}`, fromBeginning: true },
    );
  }

  async disconnect(): Promise<void> {
    await this.stopReading?.();
    await this.producer?.disconnect();
  }

  /** Reports, spread over the topic's partitions in turn, so each partition's offsets are used. */
  async report(reports: ThreatReportSubmission[], partitions = 3): Promise<void> {
    await this.producer!.send({
      topic: partnerTopic(this.agency, 'threat-reports'),
      messages: reports.map((r, i) => ({ partition: i % partitions, key: r.reportId, value: JSON.stringify(r) })),
    });
  }

  /** Acknowledges the warnings it received for these cases. */
  async acknowledge(caseIds: string[], partitions = 3): Promise<void> {
    await this.producer!.send({
      topic: partnerTopic(this.agency, 'acknowledgements'),
      messages: caseIds.map((caseId, i) => {
        const ack: PartnerAcknowledgement = { schemaVersion: 1, idempotencyKey: this.warnings.get(caseId)!, acknowledgedBy: `${this.agency} duty officer`, acknowledgedAt: new Date().toISOString() };
        return { partition: i % partitions, key: caseId, value: JSON.stringify(ack) };
      }),
    });
  }

  /** Waits until every report became a case; returns the caseIds in the reports' order. */
  async casesOf(reportIds: string[], timeoutMs = 90_000): Promise<string[]> {
    await until('cases for the reports', reportIds, (r) => this.caseOf.has(r), timeoutMs);
    return reportIds.map((r) => this.caseOf.get(r)!);
  }

  warned(caseIds: string[], timeoutMs = 90_000): Promise<void> {
    return until('warnings for the cases', caseIds, (c) => this.warnings.has(c), timeoutMs);
  }

  acknowledged(caseIds: string[], timeoutMs = 90_000): Promise<void> {
    return until('acknowledgements of the cases', caseIds, (c) => this.statuses.get(c)?.has('ACKNOWLEDGED') ?? false, timeoutMs);
  }
}

/** Waits until `done` holds for every id; a timeout names those still missing. */
async function until(what: string, ids: string[], done: (id: string) => boolean, timeoutMs: number): Promise<void> {
  await waitFor(what, async () => ids.every(done), timeoutMs, 250).catch(() => {
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${ids.filter((id) => !done(id)).length} of ${ids.length} missing (${ids.filter((id) => !done(id)).join(', ')})`);
  });
}

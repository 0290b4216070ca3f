import { partnerTopic, type PartnerCaseStatus } from '@forewarn/contracts';
import type { KafkaPort } from '@forewarn/eventing';

/** Where the demo's load goes and what its partners read: NCTC reports and is told of its cases, the FSB is warned. */
export const DemoTopics = {
  reports: partnerTopic('NCTC', 'threat-reports'),
  statuses: partnerTopic('NCTC', 'case-status'),
  warnings: partnerTopic('FSB', 'warnings'),
  acknowledgements: partnerTopic('FSB', 'acknowledgements'),
};

/** Every message on the FSB's warnings and NCTC's case statuses from now on, as one isolation level reads them. */
export class PartnerReader {
  /** Every warning's value, per caseId (more than one is a duplicate). */
  readonly warnings = new Map<string, string[]>();
  /** Every status message's value, per caseId. */
  readonly statuses = new Map<string, string[]>();
  /** reportId -> caseId, from the RECEIVED statuses. */
  readonly received = new Map<string, string>();
  /** caseId -> the statuses seen. */
  readonly reached = new Map<string, Set<string>>();
  /** When each warning was first read (ms since the epoch), in order. */
  readonly warnedAt: number[] = [];
  private stopReading?: () => Promise<void>;

  constructor(
    private readonly kafka: KafkaPort,
    private readonly readUncommitted: boolean,
    /** Called with each warning's caseId and value as it is read. */
    private readonly onWarning: (caseId: string, value: string) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    this.stopReading = await this.kafka.follow(
      [DemoTopics.warnings, DemoTopics.statuses],
      ({ topic, ...message }) => {
        const caseId = message.key?.toString() ?? '';
        const value = message.value?.toString() ?? '';
        const into = topic === DemoTopics.warnings ? this.warnings : this.statuses;
        const first = !into.has(caseId);
        into.set(caseId, [...(into.get(caseId) ?? []), value]);
        if (topic === DemoTopics.warnings) {
          if (first) this.warnedAt.push(Date.now());
          this.onWarning(caseId, value);
          return;
        }
        const status = JSON.parse(value) as PartnerCaseStatus;
        this.reached.set(status.caseId, (this.reached.get(status.caseId) ?? new Set()).add(status.status));
        if (status.status === 'RECEIVED') this.received.set(status.reportId, status.caseId);
      },
      { group: 'partner-reader', readUncommitted: this.readUncommitted },
    );
  }

  stop(): Promise<void> {
    return this.stopReading?.() ?? Promise.resolve();
  }
}

/** Copies beyond the first of each value: 0 when every message was read once. */
export const copiesBeyondFirst = (values: string[]) => values.length - new Set(values).size;

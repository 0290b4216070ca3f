import type { EntityManager } from 'typeorm';
import { partnerTopic, type ForewarnEvent, type PartnerCaseStatus } from '@forewarn/contracts';
import { appendToOutbox, eventToOutboxMessage, type OutboxMessage } from '../outbox/outbox';
import type { PartnerDirectory } from '../partners/partner-directory';

/**
 * What a handler (or an HTTP command) gets: the transaction's EntityManager for its own
 * effects, and emit/send to queue outgoing messages that commit in the same transaction.
 */
export interface HandlerContext {
  manager: EntityManager;
  emit(event: ForewarnEvent): void;
  send(message: OutboxMessage): void;
  /**
   * The reporting agency's news of its case, on that agency's own status topic; nothing when the
   * agency is not a partner on Kafka (it reported by HTTP). Returns whether it was queued.
   */
  sendCaseStatus(update: CaseStatusUpdate): Promise<boolean>;
}

export interface CaseStatusUpdate {
  /** Stable per case and status (and delivery), so a retried transaction cannot announce it twice. */
  messageId: string;
  status: PartnerCaseStatus;
}

export class TransactionContext implements HandlerContext {
  private readonly queued: OutboxMessage[] = [];

  constructor(
    readonly manager: EntityManager,
    private readonly partners: PartnerDirectory,
  ) {}

  emit(event: ForewarnEvent): void {
    this.queued.push(eventToOutboxMessage(event));
  }

  send(message: OutboxMessage): void {
    this.queued.push(message);
  }

  async sendCaseStatus({ messageId, status }: CaseStatusUpdate): Promise<boolean> {
    if (!(await this.partners.has(status.sourceAgency))) return false;
    this.send({ messageId, topic: partnerTopic(status.sourceAgency, 'case-status'), key: status.caseId, value: JSON.stringify(status) });
    return true;
  }

  get emitted(): number {
    return this.queued.length;
  }

  /** Writes everything queued, in order, as one multi-row insert. */
  async flush(): Promise<void> {
    await appendToOutbox(this.manager, this.queued.splice(0));
  }
}

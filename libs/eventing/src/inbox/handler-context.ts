import type { EntityManager } from 'typeorm';
import type { ForewarnEvent } from '@forewarn/contracts';
import { appendToOutbox, eventToOutboxMessage, type OutboxMessage } from '../outbox/outbox';

/**
 * What a handler (or an HTTP command) gets: the transaction's EntityManager for its own
 * effects, and emit/send to queue outgoing messages that commit in the same transaction.
 */
export interface HandlerContext {
  manager: EntityManager;
  emit(event: ForewarnEvent): void;
  send(message: OutboxMessage): void;
}

export class TransactionContext implements HandlerContext {
  private readonly queued: OutboxMessage[] = [];

  constructor(readonly manager: EntityManager) {}

  emit(event: ForewarnEvent): void {
    this.queued.push(eventToOutboxMessage(event));
  }

  send(message: OutboxMessage): void {
    this.queued.push(message);
  }

  get emitted(): number {
    return this.queued.length;
  }

  /** Writes everything queued, in order, as one multi-row insert. */
  async flush(): Promise<void> {
    await appendToOutbox(this.manager, this.queued.splice(0));
  }
}

import { BaseRpcContext } from '@nestjs/microservices';
import type { HandlerContext } from '../inbox/handler-context';
import type { Consumed } from '../inbox/inbox-consumer';
import type { EventLogContext } from './event-consumer';

/**
 * What `@Ctx()` gives an event handler: the transaction its effects and outgoing messages join
 * (the inbox row is written in it too), and which record it is handling. A batch handler's
 * context names the chunk's first record.
 */
export class EventContext extends BaseRpcContext<[Consumed<unknown>[], HandlerContext, EventLogContext]> {
  /** The transaction: its EntityManager, emit() and send() (committed with the inbox row). */
  get transaction(): HandlerContext {
    return this.args[1];
  }

  /** The record being handled (the first of a batch). */
  get message(): Consumed<unknown> {
    return this.args[0][0];
  }

  /** Every record of a batch handler's call; one for the others. */
  get messages(): Consumed<unknown>[] {
    return this.args[0];
  }

  /** The caseId and correlationId this handling's log lines carry. */
  get logContext(): EventLogContext {
    return this.args[2];
  }
}

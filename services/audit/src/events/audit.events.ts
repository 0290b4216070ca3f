import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeadLetter } from '@forewarn/contracts';
import { ANY_EVENT, type EventContext } from '@forewarn/eventing';
import { EventHandlers } from '@forewarn/platform';
import { appendToLog, type IncomingEvent } from '../application/log-appender';
import { storeLetters } from '../infrastructure/dead-letters.store';
import { sqlOf } from '../infrastructure/sql-adapters';
import { caseLog, deadLetters } from './consumers';

/** Every event, of every type, as received, and every dead letter: a consumed chunk per call and transaction. */
@EventHandlers()
export class AuditEvents {
  private readonly log = { checkpointEvery: Math.max(1, Number(process.env.AUDIT_CHECKPOINT_EVERY ?? 1000)) };

  @EventPattern<string>(ANY_EVENT, { consumer: caseLog, batch: true })
  async logged(@Payload() events: IncomingEvent[], @Ctx() ctx: EventContext): Promise<void> {
    await appendToLog(sqlOf(ctx.transaction.manager), events, this.log);
  }

  @EventPattern<string>(ANY_EVENT, { consumer: deadLetters, batch: true })
  stored(@Payload() letters: DeadLetter[], @Ctx() ctx: EventContext): Promise<void> {
    return storeLetters(sqlOf(ctx.transaction.manager), letters);
  }
}

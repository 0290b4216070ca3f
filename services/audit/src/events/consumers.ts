import { EventTopics, Topics, type DeadLetter } from '@forewarn/contracts';
import type { EventConsumer } from '@forewarn/eventing';
import type { IncomingEvent } from '../application/log-appender';
import { decodeForLog } from './case-log.decoder';
import { decodeDeadLetter } from './dead-letter.decoder';

/** Every Forewarn event topic into the case log; a whole consumed chunk per transaction. */
export const caseLog: EventConsumer<IncomingEvent> = {
  name: 'audit.case-log',
  topics: [...EventTopics],
  decode: decodeForLog,
  chunkSize: 500,
  logContext: (m) => ({ correlationId: m.value.raw.correlationId, caseId: m.value.raw.caseId }),
};

/** The dead-letter topic into a table the operators' console lists and re-drives from. */
export const deadLetters: EventConsumer<DeadLetter> = { name: 'audit.dead-letters', topics: [Topics.deadLetters], decode: decodeDeadLetter };

import { Injectable } from '@nestjs/common';
import { Topics } from '@forewarn/contracts';
import type { HandlerContext } from '@forewarn/eventing';
import type { Delivery } from '../../domain/delivery';
import { partnerWarningMessage } from '../../domain/partner-messages';

/**
 * The `kafka` channel: the PartnerWarning message goes into the outbox in the caller's transaction,
 * the one that also records WarningDispatched and WarningDelivered. Commit = the message will be
 * published (the relay retries until the broker has it); rollback = nothing was sent. So exactly
 * one warning per decision, and "delivered" means durably handed to the partner topic.
 */
@Injectable()
export class KafkaChannelAdapter {
  readonly name = 'kafka' as const;

  deliverIn(ctx: HandlerContext, d: Pick<Delivery, 'caseId' | 'idempotencyKey' | 'issuedAt' | 'warning' | 'text'>): void {
    const message = partnerWarningMessage(d);
    ctx.send({
      // The outbox's unique message id is one more guard against a second copy for the same decision.
      messageId: `partner-warning:${d.idempotencyKey}`,
      topic: Topics.partnerWarnings,
      key: d.caseId,
      value: JSON.stringify(message),
      headers: { 'idempotency-key': d.idempotencyKey },
    });
  }
}

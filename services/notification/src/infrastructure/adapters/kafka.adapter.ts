import { Injectable } from '@nestjs/common';
import { partnerTopic } from '@forewarn/contracts';
import { EventingRuntime, type HandlerContext } from '@forewarn/eventing';
import type { Delivery } from '../../domain/delivery';
import { partnerWarningMessage } from '../../domain/partner-messages';

/**
 * The `kafka` channel: the PartnerWarning message goes into the outbox in the caller's transaction,
 * the one that also records WarningDispatched and WarningDelivered. Commit = the message will be
 * published (the relay retries until the broker has it); rollback = nothing was sent. So exactly
 * one warning per decision, and "delivered" means durably handed to the partner's topic.
 *
 * It goes to one partner agency's own warnings topic, which only that agency may read: the
 * agency that is the recipient, or else the one that carries the channel (the partner registry).
 */
@Injectable()
export class KafkaChannelAdapter {
  readonly name = 'kafka' as const;

  constructor(private readonly runtime: EventingRuntime) {}

  /** The agency the warning goes to; null when no partner receives it (a person must deliver it). */
  async recipientOf(d: Pick<Delivery, 'channel' | 'recipient'>): Promise<string | null> {
    return (await this.runtime.partners.route(d.channel, d.recipient.name))?.code ?? null;
  }

  deliverIn(ctx: HandlerContext, partner: string, d: Pick<Delivery, 'caseId' | 'idempotencyKey' | 'issuedAt' | 'warning' | 'text'>): void {
    const message = partnerWarningMessage(d);
    ctx.send({
      // The outbox's unique message id is one more guard against a second copy for the same decision.
      messageId: `partner-warning:${d.idempotencyKey}`,
      topic: partnerTopic(partner, 'warnings'),
      key: d.caseId,
      value: JSON.stringify(message),
      headers: { 'idempotency-key': d.idempotencyKey },
    });
  }
}

/** Why a kafka delivery has nowhere to go: said in WarningDeliveryFailed, for the person who takes over. */
export function noPartnerFor(d: Pick<Delivery, 'channel' | 'recipient'>): string {
  return `no partner agency receives ${d.channel} warnings for "${d.recipient.name}": onboard one (./forewarn partner add) and retry, or deliver it another way`;
}

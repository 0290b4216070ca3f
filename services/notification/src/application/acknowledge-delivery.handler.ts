import { Injectable } from '@nestjs/common';
import type { Actor, PartnerAcknowledgement } from '@forewarn/contracts';
import { EventingRuntime, NonRetriableError, type HandlerContext } from '@forewarn/eventing';
import { sqlOf } from '@forewarn/read-model';
import { LogContext, seesCase } from '@forewarn/platform';
import { decideAcknowledgement, notTheRecipient } from '../domain/acknowledgement';
import type { Acknowledgement, Delivery } from '../domain/delivery';
import { DeliveryError } from '../domain/delivery.errors';
import { findDelivery, keepAcknowledgement } from '../infrastructure/delivery.repository';
import { projectDeliveries } from '../read-model/deliveries.read-model';
import { emitAcknowledged } from './delivery-events';

export interface AcknowledgementResult {
  deliveryId: string;
  acknowledgement: Acknowledgement;
  /** false when this call was a repeat and the first acknowledgement stands. */
  recorded: boolean;
}

/** Acknowledgements by a person (HTTP) or a partner (inbound topic); the first one counts, repeats are no-ops. */
@Injectable()
export class AcknowledgeDeliveryHandler {
  constructor(private readonly runtime: EventingRuntime) {}

  acknowledgeByPerson(deliveryId: string, person: Actor, note: string | undefined): Promise<AcknowledgementResult> {
    return this.runtime.transact(async (ctx) => {
      const d = await findDelivery(ctx.manager, { deliveryId }, true);
      // Need to know: a delivery is unknown to whoever may see neither it nor its case.
      if (!d || (person.organisation !== d.partner && !seesCase(person, d.source.sourceAgency))) throw new DeliveryError('DELIVERY.NOT_FOUND', `no delivery ${deliveryId}`);
      // Only the agency the warning went to acknowledges it; with no partner agency (a webhook),
      // the duty desk that may see the case records it for the recipient.
      if (d.partner && person.organisation !== d.partner) throw new DeliveryError('DELIVERY.NOT_THE_RECIPIENT', notTheRecipient(d, person.organisation ?? 'no organisation')!);
      const ack: Acknowledgement = { by: person.id, via: 'API', at: new Date().toISOString(), note: note ?? null };
      return this.apply(ctx, d, ack, person);
    });
  }

  /**
   * In the inbound consumer's transaction, from the agency whose acknowledgements topic it came on
   * (the broker authenticated it). An unknown key, or a warning that went to another agency, can
   * never succeed: dead-lettered with the reason, and the case stays unacknowledged.
   */
  async acknowledgeByPartnerIn(ctx: HandlerContext, message: PartnerAcknowledgement, agency: string): Promise<AcknowledgementResult> {
    const d = await findDelivery(ctx.manager, { idempotencyKey: message.idempotencyKey }, true);
    if (!d) throw new NonRetriableError(`no delivery with idempotency key ${message.idempotencyKey}`, 'DELIVERY.UNKNOWN_IDEMPOTENCY_KEY');
    const refused = notTheRecipient(d, agency);
    if (refused) throw new NonRetriableError(refused, 'DELIVERY.NOT_THE_RECIPIENT');
    LogContext.assign({ caseId: d.caseId });
    const ack: Acknowledgement = { by: message.acknowledgedBy, via: 'KAFKA', at: new Date(message.acknowledgedAt).toISOString(), note: null };
    return this.apply(ctx, d, ack, { kind: 'service', id: `partner:${message.acknowledgedBy}` });
  }

  private async apply(ctx: HandlerContext, d: Delivery, ack: Acknowledgement, actor: Actor): Promise<AcknowledgementResult> {
    const decision = decideAcknowledgement(d, ack.via);
    if (decision.kind === 'ALREADY') return { deliveryId: d.deliveryId, acknowledgement: decision.first, recorded: false };
    // The first acknowledgement is kept as received (its time and note are not in the event).
    await keepAcknowledgement(ctx.manager, d.deliveryId, ack);
    // HOLD keeps it unrecorded; recording DELIVERED emits it (record-attempt.handler.ts).
    if (decision.kind === 'RECORD') await projectDeliveries(sqlOf(ctx.manager), [await emitAcknowledged(ctx, d, ack, actor, new Date().toISOString())]);
    return { deliveryId: d.deliveryId, acknowledgement: ack, recorded: decision.kind === 'RECORD' };
  }
}

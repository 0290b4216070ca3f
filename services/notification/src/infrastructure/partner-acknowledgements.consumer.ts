import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { parseJson, partnerOfTopic, partnerTopic, validatePartnerAcknowledgement, type PartnerAcknowledgement, type Validation } from '@forewarn/contracts';
import { EventingRuntime, type RecordRef } from '@forewarn/eventing';
import { LogContext } from '@forewarn/platform';
import { AcknowledgeDeliveryHandler } from '../application/acknowledge-delivery.handler';

const MAX_ACK_BYTES = 16 * 1024;
export const PARTNER_ACKNOWLEDGEMENTS_CONSUMER = 'notification.partner-acknowledgements';

/** Reads the public inbound topic: a message that breaks the contract is dead-lettered with every error. */
export function decodePartnerAcknowledgement(
  message: KafkaMessage,
  record: RecordRef,
): Validation<{ id: string; type: string; value: PartnerAcknowledgement }> {
  const text = message.value?.toString('utf8') ?? '';
  if (Buffer.byteLength(text) > MAX_ACK_BYTES) return { ok: false, errors: [`message is ${Buffer.byteLength(text)} bytes; the limit is ${MAX_ACK_BYTES}`] };
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const checked = validatePartnerAcknowledgement(parsed.value);
  if (!checked.ok) return checked;
  // Partner messages have no event id: their record's identity (coordinates and content) is theirs.
  return { ok: true, value: { id: record.id, type: 'PartnerAcknowledgement', value: checked.value } };
}

@Injectable()
export class PartnerAcknowledgementsConsumer implements OnModuleInit {
  constructor(
    private readonly runtime: EventingRuntime,
    private readonly handler: AcknowledgeDeliveryHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.runtime.consume<PartnerAcknowledgement>({
      name: PARTNER_ACKNOWLEDGEMENTS_CONSUMER,
      // Every onboarded agency's acknowledgements topic (the registry; followed as agencies come and go).
      topics: async () => (await this.runtime.partners.list()).map((p) => partnerTopic(p.code, 'acknowledgements')),
      decode: decodePartnerAcknowledgement,
      // The caseId joins the log context once the delivery is found (the partner's key is theirs to choose).
      around: (m, fn) => LogContext.run({ correlationId: m.id }, fn),
      handle: async (m, ctx) => {
        await this.handler.acknowledgeByPartnerIn(ctx, m.value, partnerOfTopic(m.topic)!.agency);
      },
    });
  }
}

import { partnerTopic, Topics, type PartnerAcknowledgement } from '@forewarn/contracts';
import type { EventConsumer } from '@forewarn/eventing';
import { decodePartnerAcknowledgement } from './partner-acknowledgement.decoder';

/** The inbox consumers' names (the inbox records each handled event under it; the read model reads by it). */
export const WARNING_AUTHORIZED_CONSUMER = 'notification.warning-authorized';
export const PARTNER_ACKNOWLEDGEMENTS_CONSUMER = 'notification.partner-acknowledgements';

/** Waiver-review's events, of which only WarningAuthorized is read; the inbox makes a redelivery a no-op. */
export const warningAuthorizations: EventConsumer = { name: WARNING_AUTHORIZED_CONSUMER, topics: [Topics.waiverReviewEvents] };

/** Every onboarded agency's acknowledgements topic (the registry; followed as agencies come and go). */
export const partnerAcknowledgements: EventConsumer<PartnerAcknowledgement> = {
  name: PARTNER_ACKNOWLEDGEMENTS_CONSUMER,
  topics: async (partners) => (await partners.list()).map((p) => partnerTopic(p.code, 'acknowledgements')),
  decode: decodePartnerAcknowledgement,
  // The caseId joins the log context once the delivery is found (the partner's key is theirs to choose).
  logContext: (m) => ({ correlationId: m.id }),
};

import { crocusReport, type ForewarnEvent } from '@forewarn/contracts';
import { newEvent } from '@forewarn/eventing';
import { interleavings } from '@forewarn/read-model';
import { authorizationFrom, policy } from '../../test/support/reports';
import { planWarning } from '../domain/warning-plan';
import { foldDeliveries } from './deliveries.read-model';

const at = (second: number) => `2025-06-01T12:00:${String(second).padStart(2, '0')}.000Z`;
const origin = { producer: { service: 'notification', version: 't' }, actor: { kind: 'service' as const, id: 'notification@t' } };

/** A webhook delivery's story: failed, failed for good, retried by an operator, delivered, acknowledged by the partner. */
function story() {
  const authorization = newEvent('WarningAuthorized', 'c1', authorizationFrom(crocusReport()), {
    producer: { service: 'waiver-review', version: 't' },
    actor: { kind: 'service', id: 'waiver-review@t' },
    policyVersion: policy.version,
    occurredAt: at(0),
  });
  const planned = planWarning({ warningId: 'd1', caseId: 'c1', authorization: authorization.data }, policy);
  const warning = { deliveryId: 'd1', idempotencyKey: authorization.eventId, adapter: 'webhook', warning: planned.warning, text: planned.text };
  const dispatched = newEvent('WarningDispatched', 'c1', warning, { ...origin, cause: authorization, policyVersion: policy.version, occurredAt: at(1) });
  const failed = newEvent('WarningDeliveryFailed', 'c1', { deliveryId: 'd1', adapter: 'webhook', attempts: 1, error: 'HTTP 503', final: false }, { ...origin, cause: dispatched, occurredAt: at(2) });
  const refused = newEvent('WarningDeliveryFailed', 'c1', { deliveryId: 'd1', adapter: 'webhook', attempts: 2, error: 'HTTP 404', final: true }, { ...origin, cause: failed, occurredAt: at(3) });
  const operator = { kind: 'person' as const, id: 'otto', roles: ['operator'] };
  const retried = newEvent('WarningDispatched', 'c1', warning, { ...origin, actor: operator, cause: refused, policyVersion: policy.version, occurredAt: at(4) });
  const delivered = newEvent('WarningDelivered', 'c1', { deliveryId: 'd1', adapter: 'webhook', attempts: 3 }, { ...origin, cause: retried, occurredAt: at(5) });
  const acknowledged = newEvent('WarningAcknowledged', 'c1', { deliveryId: 'd1', via: 'KAFKA', acknowledgedBy: 'FSB' }, { ...origin, cause: delivered, occurredAt: at(6) });
  return { authorization, own: [dispatched, failed, refused, retried, delivered, acknowledged] as ForewarnEvent[] };
}

describe('the notification read model as a projection of events', () => {
  const { authorization, own } = story();
  // The live path: the authorization and the dispatch in one transaction, then one event at a time.
  const live = own.slice(1).reduce((rows, e) => foldDeliveries(rows, [e]), foldDeliveries([], [authorization, own[0]]));

  it('folds a delivery from its events: source, plan, attempts, last error, delivery and acknowledgement', () => {
    expect(live).toEqual([
      expect.objectContaining({
        deliveryId: 'd1',
        source: authorization.data.source,
        channel: 'LIAISON',
        state: 'DELIVERED',
        attempts: 3,
        lastError: 'HTTP 404',
        issuedAt: at(1),
        deliveredAt: at(5),
        escalatedAt: null,
        ack: { by: 'FSB', via: 'KAFKA', recordedAt: at(6) },
        lastEventId: own[5].eventId,
      }),
    ]);
  });

  it('is escalated after a final failure, and pending again after a retry', () => {
    expect(foldDeliveries([], [authorization, ...own.slice(0, 3)])[0]).toMatchObject({ state: 'ESCALATED', escalatedAt: at(3) });
    expect(foldDeliveries([], [authorization, ...own.slice(0, 4)])[0]).toMatchObject({ state: 'PENDING', escalatedAt: null });
  });

  it('ends the same wherever the log puts the authorization among the delivery events', () => {
    for (const order of interleavings<ForewarnEvent>([authorization], own)) expect(foldDeliveries([], order)).toEqual(live);
  });
});

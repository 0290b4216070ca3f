import { decideAcknowledgement } from './acknowledgement';
import type { Acknowledgement, DeliveryState } from './delivery';
import { DeliveryError } from './delivery.errors';

const first: Acknowledgement = { by: 'duty-officer', via: 'KAFKA', at: '2024-03-08T10:00:00.000Z', note: null };
const delivery = (state: DeliveryState, acknowledgement: Acknowledgement | null = null) => ({ deliveryId: 'd-1', state, acknowledgement });

describe('decideAcknowledgement', () => {
  it('Given a delivered warning, Then the acknowledgement is recorded, whichever way it came', () => {
    expect(decideAcknowledgement(delivery('DELIVERED'), 'API')).toEqual({ kind: 'RECORD' });
    expect(decideAcknowledgement(delivery('DELIVERED'), 'KAFKA')).toEqual({ kind: 'RECORD' });
  });

  it('Given an acknowledged warning, Then a second acknowledgement returns the first', () => {
    expect(decideAcknowledgement(delivery('DELIVERED', first), 'API')).toEqual({ kind: 'ALREADY', first });
    expect(decideAcknowledgement(delivery('DELIVERED', first), 'KAFKA')).toEqual({ kind: 'ALREADY', first });
  });

  it.each<DeliveryState>(['PENDING', 'ESCALATED'])('Given a %s delivery, Then a person cannot acknowledge it (409)', (state) => {
    const act = () => decideAcknowledgement(delivery(state), 'API');
    expect(act).toThrow(DeliveryError);
    expect(act).toThrow(expect.objectContaining({ code: 'DELIVERY.NOT_DELIVERED' }));
  });

  it('Given a partner acknowledging over Kafka before DELIVERED is recorded, Then it is held, not lost', () => {
    expect(decideAcknowledgement(delivery('PENDING'), 'KAFKA')).toEqual({ kind: 'HOLD' });
    expect(decideAcknowledgement(delivery('PENDING', first), 'KAFKA')).toEqual({ kind: 'ALREADY', first });
  });
});

import type { KafkaMessage } from 'kafkajs';
import { recordId } from './record-identity';

const record = (over: Partial<KafkaMessage> = {}): KafkaMessage =>
  ({ offset: '78', timestamp: '1796100000000', key: Buffer.from('NCTC'), value: Buffer.from('{"reportId":"R-1"}'), headers: {}, attributes: 0, ...over }) as KafkaMessage;

describe('recordId', () => {
  it('Given the same record read twice (a redelivery), Then the same identity, naming where it was', () => {
    const first = recordId('forewarn.partner.threat-reports.v1', 2, record());
    expect(recordId('forewarn.partner.threat-reports.v1', 2, record())).toBe(first);
    expect(first).toMatch(/^forewarn\.partner\.threat-reports\.v1:2:78:[0-9a-f]{32}$/);
  });

  it('Given another record at the same topic, partition and offset (a replaced log), Then another identity', () => {
    const at = (over: Partial<KafkaMessage>) => recordId('t', 0, record(over));
    const ids = [
      at({}),
      at({ timestamp: '1796100000001' }),
      at({ key: Buffer.from('DHS') }),
      at({ key: null }),
      at({ value: Buffer.from('{"reportId":"R-2"}') }),
      at({ value: null }),
      at({ headers: { a: 'b' } }),
      at({ headers: { a: ['b', 'c'] } }),
      // The same bytes framed differently: key and value must not run into each other.
      at({ key: Buffer.from('NCTC{"report'), value: Buffer.from('Id":"R-1"}') }),
      at({ key: Buffer.from('') }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('Given coordinates only differ, Then the identities differ', () => {
    expect(recordId('t', 0, record())).not.toBe(recordId('t', 1, record()));
    expect(recordId('t', 0, record())).not.toBe(recordId('t', 0, record({ offset: '79' })));
  });
});

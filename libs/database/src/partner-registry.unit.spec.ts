import { routeWarning, type Partner } from './partner-registry';

const partners: Partner[] = [
  { code: 'FBI', name: 'Federal Bureau of Investigation', channels: ['DOMESTIC_LAW_ENFORCEMENT'], protects: [] },
  { code: 'STATE', name: 'Department of State', channels: ['DIPLOMATIC'], protects: [] },
  { code: 'FSB', name: 'Federal Security Service (FSB)', channels: [], protects: ['Federal Security Service (FSB)'] },
  { code: 'PBP', name: 'Pittsburgh Bureau of Police', channels: [], protects: ['Pittsburgh Bureau of Police'] },
];

describe('routeWarning', () => {
  it('Given the recipient is a partner (a protector it answers to), Then that partner, whatever the channel', () => {
    expect(routeWarning(partners, 'LIAISON', 'Federal Security Service (FSB)')?.code).toBe('FSB');
    expect(routeWarning(partners, 'DOMESTIC_LAW_ENFORCEMENT', 'Pittsburgh Bureau of Police')?.code).toBe('PBP');
  });

  it('Given a recipient that is no partner, Then the partner that carries the channel', () => {
    expect(routeWarning(partners, 'DIPLOMATIC', 'John Doe')?.code).toBe('STATE');
    expect(routeWarning(partners, 'DOMESTIC_LAW_ENFORCEMENT', 'a state senator')?.code).toBe('FBI');
  });

  it('Given neither, Then no partner: nothing to send the warning to on Kafka', () => {
    expect(routeWarning(partners, 'LIAISON', 'Host National Intelligence')).toBeNull();
    expect(routeWarning([], 'DIPLOMATIC', 'John Doe')).toBeNull();
  });
});

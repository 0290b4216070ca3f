import type { Partner } from '@forewarn/database';

/**
 * The partner agencies of the demo and of the tests: `./forewarn start` onboards them on the
 * development broker, `./forewarn test` on the test broker, and the tests' databases list them.
 * NCTC reports threats; FSB is the host security service of the Crocus-like case (liaison);
 * STATE carries the diplomatic channel and FBI the domestic one.
 */
export const DemoPartners: readonly Partner[] = [
  { code: 'NCTC', name: 'National Counterterrorism Center', channels: [], protects: [] },
  { code: 'FBI', name: 'Federal Bureau of Investigation', channels: ['DOMESTIC_LAW_ENFORCEMENT'], protects: [] },
  { code: 'STATE', name: 'Department of State', channels: ['DIPLOMATIC'], protects: [] },
  { code: 'FSB', name: 'Federal Security Service (FSB)', channels: [], protects: ['Federal Security Service (FSB)'] },
];

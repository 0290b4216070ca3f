export * from './groups-at-end';
export * from './kafka-probe';
export * from './reports';
export * from './service-harness';
export * from './deployment';

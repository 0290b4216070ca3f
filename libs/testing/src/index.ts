export * from './infrastructure';
export * from './test-database';
export * from './wait-for';
export * from './kafka-reader';
export * from './child-process';
export * from './effects-table.migration';
export * from './free-ports';
export * from './local-broker';

export * from './provision-database';
export * from './database-roles';
export * from './partner-registry';
export * from './database-unavailable';

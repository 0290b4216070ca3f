export * from './sql';
export * from './event-log';
export * from './read-model';
export * from './rebuild';
export * from './rebuild-command';
export * from './interleavings';

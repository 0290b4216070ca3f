export * from './system-urls';
export * from './forewarn-client';
export * from './reports';
export * from './scenarios';
export * from './running-system';
export * from './kill-rounds';

export * from './jobs.js';
export * from './live-events.js';
export * from './records.js';
export * from './public-records.js';

export * from './jobs.js';
export * from './live-events.js';

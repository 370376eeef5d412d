export * from './jobs.js';
export * from './live-events.js';
export * from './public-answers.js';
export * from './accountability-views.js';
export * from './elections.js';
export * from './secret-questions.js';

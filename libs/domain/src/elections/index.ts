export * from './election-method.js';
export * from './election-outcome.js';
export * from './terms.js';
export * from './tracker-code.js';
export * from './secret-ballot.js';
export * from './election-explanation.js';

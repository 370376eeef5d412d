export * from './database/data-source.js';
export * from './database/database-connection.js';
export * from './entities/index.js';
export * from './plan/catalogue-loader.js';
export * from './reference/provinces.js';
export * from './ledger/ledger-writer.js';
export * from './outbox/outbox-writer.js';
export * from './database/modify-returning.js';

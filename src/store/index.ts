/** The pane's memory: settings, history, audit log, recipes and undo snapshots in IndexedDB. */
export { ALL_STORES, DB_VERSION, DEFAULT_DB_NAME, MIGRATIONS, openStore, type ExcelAiDb, type ExcelAiSchema, type Migration } from './db';
export { QUOTA_MESSAGE, isQuotaError, type StoreError, type StoreResult } from './write';
export * from './types';
export * from './settings';
export { apiKeySecret, getSecret, setSecret, type SecretName } from './secrets';
export { appendAudit, clearAll, exportAudit, listAudit, type AuditExportFormat } from './audit';
export * from './history';
export * from './recipes';
export * from './undo';
export * from './retention';

export * from './errors';
export * from './log-files';
export * from './log-stream-name';
export * from './logs-api';
export * from './logs-service';
export * from './terminal-printer';

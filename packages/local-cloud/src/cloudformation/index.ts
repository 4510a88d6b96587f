export * from './cloudformation-api';

export * from './dynamodb-faults';
export * from './dynamodb-service';

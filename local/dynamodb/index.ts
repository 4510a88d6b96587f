export * from './dynamodb-service';

export * from './errors';
export * from './function-environment';
export * from './function-instance';
export * from './invoke-api';
export * from './lambda-service';
export * from './platform-lines';
export type { LambdaErrorPayload } from './runtime-bootstrap';

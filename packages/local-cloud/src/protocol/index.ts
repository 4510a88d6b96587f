export * from './aws-error';
export * from './aws-json';
export * from './http-reply';
export * from './rest-json';

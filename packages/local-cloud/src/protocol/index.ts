export * from './aws-error';
export * from './aws-json';
export * from './aws-query';
export * from './http-reply';
export * from './query-shape';
export * from './query-xml';
export * from './rest-json';

export * from './alarm-definitions';
export * from './cloud-assembly';
export * from './errors';
export * from './intrinsic-resolver';
export * from './local-environment';
export * from './local-names';
export * from './local-stack';
export * from './template';

import { writeOneStackAssembly, writeThrowingHandlerAsset } from '../cloud/fixtures/one-stack-assembly';

export const RETRYING_APP_STACK = 'RetryingApp';
/** What `Notify` throws on every attempt. */
export const NOTIFY_ERROR = 'the mail server is down';

/**
 * Writes a cloud assembly with one function, `Notify`, that throws on every invocation, and its
 * `AWS::Lambda::EventInvokeConfig` allowing one retry: an Event invoke of it runs twice, one cloud
 * minute apart, with the same request id.
 */
export function writeRetryingAppAssembly(directory: string): void {
  writeThrowingHandlerAsset(directory, 'asset.notify', NOTIFY_ERROR);
  const template = {
    Resources: {
      Notify: {
        Type: 'AWS::Lambda::Function',
        Properties: { Code: { S3Key: 'notify.zip' }, Handler: 'index.handler', Runtime: 'nodejs22.x' },
        Metadata: { 'aws:asset:path': 'asset.notify', 'aws:asset:property': 'Code' },
      },
      NotifyInvokeConfig: {
        Type: 'AWS::Lambda::EventInvokeConfig',
        Properties: { FunctionName: { Ref: 'Notify' }, Qualifier: '$LATEST', MaximumRetryAttempts: 1 },
      },
    },
  };
  writeOneStackAssembly(directory, RETRYING_APP_STACK, template);
}

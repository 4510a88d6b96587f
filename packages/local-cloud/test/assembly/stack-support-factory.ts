import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StackArtifact } from '../../src/assembly/cloud-assembly';
import type { CloudFormationTemplate, TemplateResource } from '../../src/assembly/template';

/** A folder with one bundled asset, `asset.handler/index.js`, for functions that run. */
export function assetFolder(): string {
  const directory = mkdtempSync(join(tmpdir(), 'stack-support-'));
  mkdirSync(join(directory, 'asset.handler'));
  writeFileSync(join(directory, 'asset.handler', 'index.js'), 'exports.handler = async () => 1;');
  return directory;
}

/** A Node.js function whose code is the asset folder `asset.handler`, as `cdk synth` records it. */
export function nodeFunction(properties: Record<string, unknown> = {}): TemplateResource {
  return {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Code: { S3Key: 'handler.zip' },
      Handler: 'index.handler',
      Runtime: 'nodejs22.x',
      ...properties,
    },
    Metadata: { 'aws:asset:path': 'asset.handler', 'aws:asset:property': 'Code' },
  };
}

/** A function with inline code, as CDK writes its bucket-notifications handler. */
export function inlineFunction(properties: Record<string, unknown> = {}): TemplateResource {
  return {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Code: { ZipFile: 'exports.handler = async () => {};' },
      Handler: 'index.handler',
      Runtime: 'python3.13',
      ...properties,
    },
  };
}

/** An SQS event source mapping from `queue` to `fn`, by their logical ids. */
export function sqsMapping(queue: string, fn: string): TemplateResource {
  return {
    Type: 'AWS::Lambda::EventSourceMapping',
    Properties: { EventSourceArn: { 'Fn::GetAtt': [queue, 'Arn'] }, FunctionName: { Ref: fn } },
  };
}

/** A stack named `App` whose assets live in `directory`. */
export function supportStack(
  directory: string,
  resources: Record<string, TemplateResource>,
  template: Partial<CloudFormationTemplate> = {},
): StackArtifact {
  return new StackArtifact('App', 'App', { ...template, Resources: resources }, [], directory);
}

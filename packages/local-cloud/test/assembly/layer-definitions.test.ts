import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localStackDefinition, stackSupport } from '../../src/assembly';
import type { TemplateResource } from '../../src/assembly/template';
import { writeAssembly } from './assembly-factory';
import { TEST_ENVIRONMENT } from './template-factory';

const EXTERNAL_LAYER = 'arn:aws:lambda:us-east-1:111122223333:layer:AWSLambdaPowertoolsTypeScriptV2:30';
const LOCAL_LAYER_ARN = 'arn:aws:lambda:us-east-1:000000000000:layer';

/** A layer version whose `Content` is the asset published as `<key>.zip`, as `app.synth()` leaves it. */
function layerResource(key: string, properties: Record<string, unknown> = {}): TemplateResource {
  return {
    Type: 'AWS::Lambda::LayerVersion',
    Properties: { Content: { S3Bucket: 'bucket', S3Key: `${key}.zip` }, ...properties },
  };
}

/** A Node.js function of the asset `code`, using `layers`. */
function functionResource(layers: unknown[]): TemplateResource {
  return {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Code: { S3Bucket: 'bucket', S3Key: 'code.zip' },
      Handler: 'index.handler',
      Runtime: 'nodejs22.x',
      Layers: layers,
    },
  };
}

describe('Lambda layer versions of a stack', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'layers-'));
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  test("finds each layer's content folder by its S3 key, and gives Ref a local layer version ARN", () => {
    const stack = writeAssembly(
      directory,
      {
        Shared: layerResource('shared', { CompatibleRuntimes: ['nodejs22.x'] }),
        Named: layerResource('named', { LayerName: 'pricing' }),
        Fn: functionResource([{ Ref: 'Shared' }, { 'Fn::GetAtt': ['Named', 'LayerVersionArn'] }]),
      },
      ['shared', 'named', 'code'],
    );

    const local = localStackDefinition(stack, TEST_ENVIRONMENT);

    expect(local.layers).toStrictEqual([
      {
        logicalId: 'Shared',
        layerName: 'Test-Shared',
        layerVersionArn: `${LOCAL_LAYER_ARN}:Test-Shared:1`,
        contentDirectory: join(directory, 'asset.shared'),
        compatibleRuntimes: ['nodejs22.x'],
      },
      {
        logicalId: 'Named',
        layerName: 'pricing',
        layerVersionArn: `${LOCAL_LAYER_ARN}:pricing:1`,
        contentDirectory: join(directory, 'asset.named'),
        compatibleRuntimes: [],
      },
    ]);
    expect(local.functions[0].layers).toStrictEqual([
      { arn: `${LOCAL_LAYER_ARN}:Test-Shared:1`, contentDirectory: join(directory, 'asset.shared') },
      { arn: `${LOCAL_LAYER_ARN}:pricing:1`, contentDirectory: join(directory, 'asset.named') },
    ]);
    expect(local.warnings).toStrictEqual([]);
  });

  test("keeps an external layer without content, warns naming it, and lists the stack's layers as emulated", () => {
    const stack = writeAssembly(
      directory,
      { Shared: layerResource('shared'), Fn: functionResource([EXTERNAL_LAYER, { Ref: 'Shared' }]) },
      ['shared', 'code'],
    );

    const local = localStackDefinition(stack, TEST_ENVIRONMENT);
    const support = stackSupport(local);

    expect(local.functions[0].layers).toStrictEqual([
      { arn: EXTERNAL_LAYER },
      { arn: `${LOCAL_LAYER_ARN}:Test-Shared:1`, contentDirectory: join(directory, 'asset.shared') },
    ]);
    expect(support.warnings).toStrictEqual([
      expect.objectContaining({
        logicalId: 'Fn',
        location: 'Fn.Properties.Layers',
        message: expect.stringContaining(
          `uses layer ${EXTERNAL_LAYER}, whose content is not in the cloud assembly`,
        ),
      }),
    ]);
    expect(support.rows.find((row) => row.logicalId === 'Shared')).toStrictEqual({
      logicalId: 'Shared',
      type: 'AWS::Lambda::LayerVersion',
      status: 'emulated',
      reason: expect.stringMatching(/^Node\.js layer from asset\.shared: .*; \/opt does not exist locally$/),
    });
  });

  test('runs the functions without a layer whose content is not an asset of the assembly, saying so', () => {
    const stack = writeAssembly(
      directory,
      { Shared: layerResource('in-a-bucket'), Fn: functionResource([{ Ref: 'Shared' }]) },
      ['code'],
    );

    const local = localStackDefinition(stack, TEST_ENVIRONMENT);
    const support = stackSupport(local);

    expect(local.functions[0].layers).toStrictEqual([{ arn: `${LOCAL_LAYER_ARN}:Test-Shared:1` }]);
    expect(support.warnings).toStrictEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^function Fn uses layer .*:Test-Shared:1, whose content is not in the cloud assembly/,
        ),
      }),
    ]);
    expect(support.rows.find((row) => row.logicalId === 'Shared')).toMatchObject({ status: 'ignored' });
  });
});

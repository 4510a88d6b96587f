import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalFunctionLayer } from '../../src/assembly';
import { FunctionCatalog } from '../../src/lambda/function-configuration';
import { LOCAL_NODE_MAJOR, layerModulePaths } from '../../src/lambda/node-runtime';
import { functionDefinitionFactory, writeAssetFiles } from './function-fixtures';
import { LambdaHarness } from './lambda-harness';

/** A package whose `index.js` says where it was found. */
const whose = (name: string, who: string) => ({
  [`${name}/index.js`]: `exports.whose = ${JSON.stringify(who)};`,
});
/** Under a layer's `nodejs/node_modules`. */
const inLayer = (name: string, who: string, path = 'nodejs/node_modules') =>
  Object.fromEntries(Object.entries(whose(name, who)).map(([file, content]) => [`${path}/${file}`, content]));

/** A handler that answers who provided each package it asks for. */
const REPORTS = `exports.handler = async (event) =>
  Object.fromEntries(event.packages.map((name) => [name, require(name).whose]));`;

describe("a function's layers, between its own node_modules and the runtime's modules", () => {
  const harness = new LambdaHarness();
  const root = harness.track(mkdtempSync(join(tmpdir(), 'layers-')));
  const layer = (name: string, files: Record<string, string>): LocalFunctionLayer => ({
    arn: `arn:aws:lambda:us-east-1:000000000000:layer:${name}:1`,
    contentDirectory: writeAssetFiles(root, name, files),
  });

  afterEach(() => harness.stop());
  afterAll(() => harness.removeFolders());

  test("the asset's own copy wins over a layer's; a later layer over an earlier; a layer over the runtime's SDK", async () => {
    const codeDirectory = writeAssetFiles(root, 'order-code', {
      'index.js': REPORTS,
      ...Object.fromEntries(
        Object.entries(whose('in-both', 'the asset')).map(([f, c]) => [`node_modules/${f}`, c]),
      ),
    });
    const first = layer('first', {
      ...inLayer('in-both', 'the first layer'),
      ...inLayer('in-two-layers', 'the first layer'),
      ...inLayer('only-first', 'the first layer'),
    });
    const second = layer('second', {
      ...inLayer('in-two-layers', 'the second layer'),
      ...inLayer('@aws-sdk/client-sqs', 'the second layer'),
    });
    const lambda = harness.start([
      functionDefinitionFactory(root, 'echo', { codeDirectory, layers: [first, second] }),
    ]);

    const result = await lambda.invoke('OrderPipeline-echo', {
      packages: ['in-both', 'in-two-layers', 'only-first', '@aws-sdk/client-sqs'],
    });

    expect(result.payload).toStrictEqual({
      'in-both': 'the asset',
      'in-two-layers': 'the second layer',
      'only-first': 'the first layer',
      '@aws-sdk/client-sqs': 'the second layer',
    });
  });

  test("the folder of the local Node.js major wins over nodejs/node_modules, as in Lambda's NODE_PATH", async () => {
    const codeDirectory = writeAssetFiles(root, 'versioned-code', { 'index.js': REPORTS });
    const versioned = layer('versioned', {
      ...inLayer('tool', 'nodejs/node_modules'),
      ...inLayer('tool', `nodejs/node${LOCAL_NODE_MAJOR}`, `nodejs/node${LOCAL_NODE_MAJOR}/node_modules`),
      ...inLayer('other-major', 'another major', `nodejs/node${LOCAL_NODE_MAJOR + 1}/node_modules`),
    });
    const lambda = harness.start([
      functionDefinitionFactory(root, 'echo', { codeDirectory, layers: [versioned] }),
    ]);

    const found = await lambda.invoke('OrderPipeline-echo', { packages: ['tool'] });
    const notFound = await lambda.invoke('OrderPipeline-echo', { packages: ['other-major'] });

    expect(found.payload).toStrictEqual({ tool: `nodejs/node${LOCAL_NODE_MAJOR}` });
    expect(notFound.payload).toMatchObject({ errorMessage: expect.stringContaining("'other-major'") });
  });

  test("sets NODE_PATH to the layers' folders, and gives an ES module handler their packages through import", async () => {
    const codeDirectory = writeAssetFiles(root, 'esm-code', {
      'index.mjs': `import { whose } from 'greeting';
        export const handler = async () => ({ whose, nodePath: process.env.NODE_PATH });`,
    });
    const greeting = layer('greeting', inLayer('greeting', 'the greeting layer'));
    const lambda = harness.start([
      functionDefinitionFactory(root, 'echo', { codeDirectory, layers: [greeting] }),
    ]);

    const result = await lambda.invoke('OrderPipeline-echo', {});

    expect(result.payload).toStrictEqual({
      whose: 'the greeting layer',
      nodePath: join(greeting.contentDirectory as string, 'nodejs', 'node_modules'),
    });
  });

  test("a layer's module finds the runtime's SDK, but nothing above the layer's folder", async () => {
    const codeDirectory = writeAssetFiles(root, 'sdk-code', {
      'index.js': `exports.handler = async () => require('wrapper').kinds();`,
    });
    // Inside the repository, where Node.js alone would find jest in a node_modules further up.
    const ignored = join(__dirname, '..', '..', '.local');
    mkdirSync(ignored, { recursive: true });
    const inRepository = harness.track(mkdtempSync(join(ignored, 'layer-')));
    const wrapper = {
      arn: 'arn:aws:lambda:us-east-1:000000000000:layer:wrapper:1',
      contentDirectory: writeAssetFiles(inRepository, 'wrapper', {
        'nodejs/node_modules/wrapper/index.js': `exports.kinds = () => ({
        sdk: typeof require('@aws-sdk/client-sqs').SQSClient,
        jest: (() => { try { require('jest'); return 'found'; } catch { return 'not found'; } })(),
      });`,
      }),
    };
    const lambda = harness.start([
      functionDefinitionFactory(root, 'echo', { codeDirectory, layers: [wrapper] }),
    ]);

    const result = await lambda.invoke('OrderPipeline-echo', {});

    expect(result.payload).toStrictEqual({ sdk: 'function', jest: 'not found' });
  });

  test('a layer from outside the stack adds nothing; the function still runs', async () => {
    const codeDirectory = writeAssetFiles(root, 'external-code', {
      'index.js': "exports.handler = async () => process.env.NODE_PATH ?? 'unset';",
    });
    const external = { arn: 'arn:aws:lambda:us-east-1:111122223333:layer:AWSLambdaPowertoolsTypeScriptV2:1' };
    const lambda = harness.start([
      functionDefinitionFactory(root, 'echo', { codeDirectory, layers: [external] }),
    ]);

    const result = await lambda.invoke('OrderPipeline-echo', {});

    expect(result.payload).toBe('unset');
  });
});

describe('layerModulePaths', () => {
  test('lists the versioned folders of every layer, later layers first, then their nodejs/node_modules', () => {
    const root = mkdtempSync(join(tmpdir(), 'layer-paths-'));
    const [a, b] = ['a', 'b'].map((name) =>
      writeAssetFiles(root, name, {
        'nodejs/node_modules/.keep': '',
        'nodejs/node22/node_modules/.keep': '',
      }),
    );

    expect(layerModulePaths([a, b], 22)).toStrictEqual([
      join(b, 'nodejs/node22/node_modules'),
      join(a, 'nodejs/node22/node_modules'),
      join(b, 'nodejs/node_modules'),
      join(a, 'nodejs/node_modules'),
    ]);
    expect(layerModulePaths([a, b], 20)).toStrictEqual([
      join(b, 'nodejs/node_modules'),
      join(a, 'nodejs/node_modules'),
    ]);
    rmSync(root, { recursive: true, force: true });
  });
});

describe("GetFunctionConfiguration's Layers", () => {
  test('lists each layer with the size of its files, an external one with none', () => {
    const root = mkdtempSync(join(tmpdir(), 'layer-configuration-'));
    const contentDirectory = writeAssetFiles(root, 'shared', { 'nodejs/node_modules/tiny/index.js': '1;' });
    const external = 'arn:aws:lambda:us-east-1:111122223333:layer:AWSLambdaPowertoolsTypeScriptV2:1';
    const shared = 'arn:aws:lambda:us-east-1:000000000000:layer:OrderPipeline-Shared:1';
    const definition = functionDefinitionFactory(root, 'echo', {
      codeDirectory: writeAssetFiles(root, 'code', { 'index.js': REPORTS }),
      layers: [{ arn: external }, { arn: shared, contentDirectory }],
    });

    const { Layers } = new FunctionCatalog().configuration(definition);

    expect(Layers).toStrictEqual([
      { Arn: external, CodeSize: 0 },
      { Arn: shared, CodeSize: 2 },
    ]);
    rmSync(root, { recursive: true, force: true });
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functionDefinitionFactory, writeAssetFiles } from './function-fixtures';
import { LambdaHarness } from './lambda-harness';

const COMMONJS_HANDLER = {
  'index.js': "const { greeting } = require('./greeting.js'); exports.handler = async () => greeting;",
  'greeting.js': "exports.greeting = 'loaded as CommonJS';",
};

describe('the asset folder as the whole task root', () => {
  const harness = new LambdaHarness();
  // A folder above cdk.out, as an app whose own package.json says "type": "module".
  const root = harness.track(mkdtempSync(join(tmpdir(), 'task-root-')));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ type: 'module' }));
  writeAssetFiles(root, 'node_modules/left-above', { 'index.js': "module.exports = 'found above';" });

  afterEach(() => harness.stop());
  afterAll(() => harness.removeFolders());

  test('loads a CommonJS bundle as CommonJS when a folder above it says "type": "module"', async () => {
    const codeDirectory = writeAssetFiles(root, 'commonjs', COMMONJS_HANDLER);
    const lambda = harness.start([functionDefinitionFactory(root, 'echo', { codeDirectory })]);

    const result = await lambda.invoke('OrderPipeline-echo', {});

    expect(result.functionError).toBeUndefined();
    expect(result.payload).toBe('loaded as CommonJS');
  });

  test('loads index.js as an ES module, without CommonJS globals, when the asset\'s own package.json says "type": "module"', async () => {
    const codeDirectory = writeAssetFiles(root, 'esm', {
      'package.json': JSON.stringify({ type: 'module' }),
      'index.js':
        "export const handler = async () => (import.meta.url.startsWith('file:') && typeof require === 'undefined' ? 'an ES module' : 'unknown');",
    });
    const lambda = harness.start([functionDefinitionFactory(root, 'echo', { codeDirectory })]);

    const result = await lambda.invoke('OrderPipeline-echo', {});

    expect(result.payload).toBe('an ES module');
  });

  test('loads index.mjs as an ES module and index.cjs as CommonJS', async () => {
    const mjs = writeAssetFiles(root, 'mjs', { 'index.mjs': "export const handler = async () => 'mjs';" });
    const cjs = writeAssetFiles(root, 'cjs', { 'index.cjs': "exports.handler = async () => 'cjs';" });
    const lambda = harness.start([
      functionDefinitionFactory(root, 'echo', { codeDirectory: mjs }),
      functionDefinitionFactory(root, 'counter', { codeDirectory: cjs }),
    ]);

    const results = [
      await lambda.invoke('OrderPipeline-echo', {}),
      await lambda.invoke('OrderPipeline-counter', {}),
    ];

    expect(results.map((result) => result.payload)).toStrictEqual(['mjs', 'cjs']);
  });

  test('does not find a module installed above the asset folder, as Lambda would not', async () => {
    const codeDirectory = writeAssetFiles(root, 'needs-left-above', {
      'index.js': "exports.handler = async () => require('left-above');",
    });
    const lambda = harness.start([functionDefinitionFactory(root, 'echo', { codeDirectory })]);

    const result = await lambda.invoke('OrderPipeline-echo', {});

    expect(result.functionError).toBe('Unhandled');
    expect(result.payload).toMatchObject({
      errorMessage: expect.stringMatching(/^Cannot find module 'left-above'/),
    });
  });

  test('fails with Runtime.ImportModuleError when the asset folder has no handler module', async () => {
    const lambda = harness.start([
      functionDefinitionFactory(root, 'echo', { codeDirectory: join(root, 'missing') }),
    ]);

    const result = await lambda.invoke('OrderPipeline-echo', {});

    expect(result.payload).toStrictEqual({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: "Error: Cannot find module 'index'",
      stack: expect.any(Array),
    });
  });
});

/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are CloudFormation's Fn::Sub syntax */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assemblyExports,
  combinedStackDefinition,
  type LocalStackDefinition,
  localAssemblyDefinitions,
  readCloudAssembly,
} from '../../src/assembly';
import { synthesizeMultiStackApp } from './multi-stack-app';
import { TEST_ENVIRONMENT } from './template-factory';

/** Synth without bundling takes a few seconds on a busy machine. */
const SYNTH_TIMEOUT_MS = 60_000;

describe('a cloud assembly of several stacks and a stage', () => {
  let root: string;
  let outdir: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'multi-stack-'));
    outdir = join(root, 'cdk.out');
    synthesizeMultiStackApp(outdir);
  }, SYNTH_TIMEOUT_MS);

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  test("lists every stack, the stage's too, each after the stacks it depends on", () => {
    const stacks = readCloudAssembly(outdir).allStacks();

    expect(stacks.map((stack) => [stack.stackName, stack.displayName])).toStrictEqual([
      ['Shared', 'Shared'],
      ['Consumer', 'Consumer'],
      ['Beta-Api', 'Beta/Api'],
      ['Beta-Web', 'Beta/Web'],
    ]);
  });

  test("finds a stage's stack by its name, its construct path or its artifact id", () => {
    const assembly = readCloudAssembly(outdir);
    const web = assembly.stack('Beta-Web');

    expect(assembly.stack('Beta/Web')).toBe(web);
    expect(assembly.stack(web.artifactId)).toBe(web);
    expect(assembly.nestedAssemblies.map((nested) => nested.displayName)).toStrictEqual(['Beta']);
  });

  test('resolves Fn::ImportValue to the local value another stack exports, within a stage too', () => {
    const [, consumer, api, web] = localAssemblyDefinitions(readCloudAssembly(outdir), TEST_ENVIRONMENT);

    expect(consumer.outputs.SharedQueueUrl).toMatch(
      /^http:\/\/127\.0\.0\.1:9324\/000000000000\/Shared-Queue[0-9A-F]{8}$/,
    );
    expect(web.outputs.RequestsArn).toBe(api.queues[0].queueArn);
    expect(consumer.warnings).toStrictEqual([]);
    expect(web.warnings).toStrictEqual([]);
  });

  test("keeps the mapping that reads another stack's queue when both stacks are brought up", () => {
    const assembly = readCloudAssembly(outdir);

    const [shared, consumer] = localAssemblyDefinitions(assembly, TEST_ENVIRONMENT, ['Consumer', 'Shared']);

    expect([shared.stackName, consumer.stackName]).toStrictEqual(['Shared', 'Consumer']);
    expect(consumer.eventSourceMappings.map((mapping) => mapping.eventSourceArn)).toStrictEqual([
      shared.queues[0].queueArn,
    ]);
    expect(consumer.eventSourceMappingsNotRun).toStrictEqual([]);
  });

  test("lists the mapping as not polled when the queue's stack is not brought up", () => {
    const [consumer] = localAssemblyDefinitions(readCloudAssembly(outdir), TEST_ENVIRONMENT, ['Consumer']);

    expect(consumer.eventSourceMappings).toStrictEqual([]);
    expect(consumer.eventSourceMappingsNotRun.map((mapping) => mapping.reason)).toStrictEqual([
      expect.stringMatching(
        /^reads arn:aws:sqs:us-east-1:000000000000:Shared-Queue[0-9A-F]{8}, which is not a queue of this stack$/,
      ),
    ]);
  });

  test('combines several stacks into one definition, with the queues, functions, mappings and outputs of each', () => {
    const definitions: LocalStackDefinition[] = localAssemblyDefinitions(
      readCloudAssembly(outdir),
      TEST_ENVIRONMENT,
      ['Shared', 'Consumer'],
    );

    const combined = combinedStackDefinition(definitions);

    expect(combined.stackName).toBe('Shared');
    expect(combined.queues.map((queue) => queue.logicalId)).toStrictEqual(['Queue4A7E3555']);
    expect(combined.functions.map((fn) => fn.functionName)).toStrictEqual([
      definitions[1].functions[0].functionName,
    ]);
    expect(combined.eventSourceMappings).toHaveLength(1);
    expect(Object.keys(combined.outputs).sort()).toStrictEqual(
      [...Object.keys(definitions[0].outputs), ...Object.keys(definitions[1].outputs)].sort(),
    );
  });
});

describe('readCloudAssembly, dependency order', () => {
  let directory: string;

  /** An assembly whose manifest lists `First` after `Second`, which depends on it via `dependencies`. */
  function writeManifest(dependencies: Record<string, string[]>): void {
    const artifacts = Object.fromEntries(
      Object.entries(dependencies).map(([id, dependsOn]) => {
        writeFileSync(join(directory, `${id}.template.json`), JSON.stringify({ Resources: {} }));
        return [
          id,
          {
            type: 'aws:cloudformation:stack',
            properties: { templateFile: `${id}.template.json` },
            dependencies: dependsOn,
          },
        ];
      }),
    );
    writeFileSync(join(directory, 'manifest.json'), JSON.stringify({ version: '55.0.0', artifacts }));
  }

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'assembly-order-'));
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  test('puts a stack after the stacks it depends on, whatever the manifest order', () => {
    writeManifest({ Web: ['Api', 'Web.assets'], Api: ['Data'], Data: [], Tools: [] });

    const stacks = readCloudAssembly(directory).allStacks();

    expect(stacks.map((stack) => stack.stackName)).toStrictEqual(['Data', 'Tools', 'Api', 'Web']);
  });

  test('fails naming the stacks of a dependency cycle', () => {
    writeManifest({ A: ['B'], B: ['A'], C: [] });

    expect(() => readCloudAssembly(directory).allStacks()).toThrow(/depend on each other in a cycle: A, B$/);
  });

  test('resolves exports in dependency order, so a re-export of an import has its value', () => {
    writeManifest({ Edge: ['Core'], Core: [] });
    const stacks = readCloudAssembly(directory).allStacks();
    const [core, edge] = stacks;
    Object.assign(core.template, {
      Outputs: { Name: { Value: 'core-value', Export: { Name: 'CoreName' } } },
    });
    Object.assign(edge.template, {
      Outputs: {
        Again: {
          Value: { 'Fn::ImportValue': 'CoreName' },
          Export: { Name: { 'Fn::Sub': '${AWS::StackName}-Again' } },
        },
      },
    });

    const exports = assemblyExports(stacks, TEST_ENVIRONMENT);

    expect([...exports]).toStrictEqual([
      ['CoreName', 'core-value'],
      ['Edge-Again', 'core-value'],
    ]);
  });
});

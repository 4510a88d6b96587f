import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runLocally } from '../../tools/cli';
import { parseRunOptions, UsageError } from '../../tools/run-options';
import { pipelineAssembly } from '../support/pipeline-assembly';

describe('npm start options', () => {
  test("default to the lecture's demo at time scale 10, printing the logs", () => {
    expect(parseRunOptions([])).toStrictEqual({
      orders: undefined,
      invalidRatio: 0,
      timeScale: 10,
      reportFile: undefined,
      timeoutSeconds: 120,
      printLogs: true,
      context: {},
      serve: false,
      port: 4566,
      stateDirectory: undefined,
    });
  });

  test('take a load, a report file, a time scale and CDK context', () => {
    expect(
      parseRunOptions([
        '--orders',
        '500',
        '--invalid-ratio',
        '0.1',
        '--report',
        'run.json',
        '--time-scale',
        '20',
        '-c',
        'maxConcurrency=5',
        '-c',
        'batchSize=20',
      ]),
    ).toStrictEqual({
      orders: 500,
      invalidRatio: 0.1,
      timeScale: 20,
      reportFile: 'run.json',
      timeoutSeconds: 120,
      printLogs: false,
      context: { maxConcurrency: '5', batchSize: '20' },
      serve: false,
      port: 4566,
      stateDirectory: undefined,
    });
  });

  test.each([
    [['--orders', '0'], /--orders must be an integer between 1 and 100000 \(given 0\)/],
    [['--orders', '2.5'], /--orders must be an integer between 1 and 100000 \(given 2.5\)/],
    [
      ['--orders', '10', '--invalid-ratio', '2'],
      /--invalid-ratio must be a number between 0 and 1 \(given 2\)/,
    ],
    [['--invalid-ratio', '0.5'], /--invalid-ratio goes with --orders N/],
    [['--time-scale', '0'], /--time-scale must be a number between 0.001 and 1000 \(given 0\)/],
    [['--timeout', '0'], /--timeout must be a number between 1 and 86400 \(given 0\)/],
    [['-c', 'maxConcurrency'], /-c takes KEY=VALUE \(given maxConcurrency\)/],
    [['--unknown'], /unknown option --unknown/],
    [['--report'], /--report needs a value/],
    [['demo'], /unexpected argument demo/],
    [['--serve', '--port', '70000'], /--port must be an integer between 0 and 65535 \(given 70000\)/],
    [['--state', 'state'], /--state goes with --serve/],
    [['--serve', '--state', ''], /--state needs a folder/],
  ])('fail clearly on %j', (args, message) => {
    expect(() => parseRunOptions(args)).toThrow(UsageError);
    expect(() => parseRunOptions(args)).toThrow(message);
  });

  test('--serve takes a port and a state folder', () => {
    expect(parseRunOptions(['--serve', '--port', '4567', '--state', '.local/state'])).toMatchObject({
      serve: true,
      port: 4567,
      stateDirectory: '.local/state',
    });
  });

  test('--help and -h ask for the usage text', () => {
    expect(parseRunOptions(['--help'])).toBe('help');
    expect(parseRunOptions(['-h'])).toBe('help');
  });
});

describe('a run with --orders and --report', () => {
  const folder = mkdtempSync(join(tmpdir(), 'order-pipeline-run-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test('writes the summary as JSON, counted from the tables and queues, and exits 0', async () => {
    const reportFile = join(folder, 'report.json');
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk) => {
      printed += chunk;
    });

    const exitCode = await runLocally(
      { ...parseRunOptionsOrFail(['--orders', '40', '--invalid-ratio', '0.25', '--report', reportFile]) },
      output as unknown as NodeJS.WriteStream,
      { assemblyDirectory: pipelineAssembly(), logsRoot: join(folder, 'logs'), synthesized: true },
    );

    expect(exitCode).toBe(0);
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    expect(report).toMatchObject({
      ordersSent: 40,
      ordersStored: 30,
      ordersRejected: 10,
      ordersUnaccounted: 0,
      ordersNotQueued: 0,
    });
    expect(Object.keys(report.functions).map((id) => id.replace(/[0-9A-F]{8}$/, ''))).toStrictEqual([
      'GenerateOrders',
      'ProcessOrders',
      'FailedOrders',
    ]);
    expect(report.functions[Object.keys(report.functions)[1]].instances).toBeGreaterThanOrEqual(1);
    expect(report.durationMs).toBeGreaterThan(0);
    expect(printed).toMatch(/time scale 10: .* function code runs in real time/);
    expect(printed).toMatch(/Every order is accounted for\./);
  }, 180_000);
});

function parseRunOptionsOrFail(args: string[]) {
  const options = parseRunOptions(args);
  if (options === 'help') throw new Error('unexpected --help');
  return options;
}

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runLocally } from '../../tools/cli';
import { parseRunOptions, USAGE, UsageError } from '../../tools/run-options';
import { pipelineAssembly } from '../support/pipeline-assembly';

describe('npm start options', () => {
  test("default to the lecture's demo at time scale 10, printing the logs", () => {
    expect(parseRunOptions([])).toStrictEqual({
      orders: undefined,
      invalidRatio: 0,
      timeScale: 10,
      reportFile: undefined,
      reportHtmlFile: undefined,
      timeoutSeconds: 120,
      printLogs: true,
      context: {},
      serve: false,
      port: 4566,
      stateDirectory: undefined,
      keepOpen: false,
      console: true,
      consolePort: undefined,
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
      reportHtmlFile: undefined,
      timeoutSeconds: 120,
      printLogs: false,
      context: { maxConcurrency: '5', batchSize: '20' },
      serve: false,
      port: 4566,
      stateDirectory: undefined,
      keepOpen: false,
      console: true,
      consolePort: undefined,
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
    [['--console-port', '65536'], /--console-port must be an integer between 0 and 65535 \(given 65536\)/],
    [['--serve', '--keep-open'], /--keep-open goes with the demo/],
    [['--serve', '--report-html', 'run.html'], /--report-html goes with the demo/],
    [['--report-html', ''], /--report-html needs a file/],
    [['--no-console', '--console-port', '4567'], /--console-port does not go with --no-console/],
    [['--no-console', '--keep-open'], /--keep-open keeps the web console serving/],
    [
      ['--report-html', '/no/such/folder/run.html'],
      /--report-html: the folder \/no\/such\/folder does not exist \(given \/no\/such\/folder\/run.html\)/,
    ],
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

  test('the demo keeps serving with --keep-open, on the console port given, and writes an HTML report', () => {
    expect(
      parseRunOptions(['--keep-open', '--console-port', '0', '--report-html', join(tmpdir(), 'run.html')]),
    ).toMatchObject({
      keepOpen: true,
      console: true,
      consolePort: 0,
      reportHtmlFile: join(tmpdir(), 'run.html'),
    });
  });

  test('the usage text names every option, the console ones included', () => {
    for (const option of [
      '--keep-open',
      '--console-port P',
      '--report-html FILE',
      '--serve',
      '--state DIR',
    ]) {
      expect(USAGE).toContain(option);
    }
  });

  test('--help and -h ask for the usage text', () => {
    expect(parseRunOptions(['--help'])).toBe('help');
    expect(parseRunOptions(['-h'])).toBe('help');
  });
});

describe('a run with --orders, --report, --report-html and --keep-open', () => {
  const folder = mkdtempSync(join(tmpdir(), 'order-pipeline-run-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test('prints the console address, writes both reports, keeps serving until asked to stop, exits 0', async () => {
    const reportFile = join(folder, 'report.json');
    const htmlFile = join(folder, 'report.html');
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk) => {
      printed += chunk;
    });
    let whileOpen: { status: number; body: string } | undefined;
    const keepOpenUntil = async () => {
      const answer = await fetch(consoleAddress(printed));
      whileOpen = { status: answer.status, body: await answer.text() };
    };

    const exitCode = await runLocally(
      parseRunOptionsOrFail(
        ['--orders', '40', '--invalid-ratio', '0.25', '--report', reportFile].concat([
          '--report-html',
          htmlFile,
          '--keep-open',
          '--console-port',
          '0',
        ]),
      ),
      output as unknown as NodeJS.WriteStream,
      { assemblyDirectory: pipelineAssembly(), logsRoot: join(folder, 'logs'), synthesized: true },
      { keepOpenUntil },
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
    expect(whileOpen).toMatchObject({ status: 200, body: expect.stringContaining('<html') });
    expect(printed).toMatch(
      /Still serving the local cloud and its console at http:\/\/127\.0\.0\.1:\d+\/_console\//,
    );
    await expect(fetch(consoleAddress(printed))).rejects.toThrow();
    const html = readFileSync(htmlFile, 'utf8');
    expect(html).toContain('40 orders at time scale 10');
    expect(html).toContain('Every order is accounted for.');
  }, 180_000);
});

/** The console's address, from the line `npm start` prints at start. */
function consoleAddress(printed: string): string {
  const address = /^Web console: (http:\/\/127\.0\.0\.1:\d+\/_console\/)/m.exec(printed)?.[1];
  if (address === undefined) throw new Error(`no console address in the output:\n${printed}`);
  return address;
}

function parseRunOptionsOrFail(args: string[]) {
  const options = parseRunOptions(args);
  if (options === 'help') throw new Error('unexpected --help');
  return options;
}

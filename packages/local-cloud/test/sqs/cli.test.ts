import { HELP, UsageError } from '../../src/cli/command-line';
import { parseArguments } from '../../src/sqs/cli';

describe('npm run sqs command line', () => {
  it('defaults to port 9324, in memory, on the wall clock, without faults', () => {
    expect(parseArguments([])).toMatchObject({
      port: 9324,
      stateDir: undefined,
      clock: undefined,
      faults: { sendBatchFailureRate: undefined, responseDelayMs: undefined },
    });
  });

  it('takes the state directory, identity, time scale and faults', async () => {
    const options = parseArguments([
      ...['--port', '0', '--state', '/tmp/sqs-state', '--account', '123456789012', '--region', 'eu-west-1'],
      ...['--time-scale', '10', '--fail-batch-entries', '0.25', '--response-delay-ms', '15'],
    ]);

    expect(options).toMatchObject({
      port: 0,
      stateDir: '/tmp/sqs-state',
      accountId: '123456789012',
      region: 'eu-west-1',
      faults: { sendBatchFailureRate: 0.25, responseDelayMs: 15 },
    });
    const clock = options === 'help' ? undefined : options.clock;
    const start = clock?.now() ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((clock?.now() ?? 0) - start).toBeGreaterThanOrEqual(250);
  });

  it('fails on bad values and unknown options, naming them', () => {
    expect(() => parseArguments(['--fail-batch-entries', '2'])).toThrow(
      /--fail-batch-entries must be a number between 0 and 1 \(given 2\)/,
    );
    expect(() => parseArguments(['--port', '70000'])).toThrow(
      /--port must be an integer between 0 and 65535 \(given 70000\)/,
    );
    expect(() => parseArguments(['--account', 'abc'])).toThrow(/--account must be 12 digits \(given abc\)/);
    expect(() => parseArguments(['--host', '0.0.0.0'])).toThrow(/unknown option --host/);
    expect(() => parseArguments(['--state'])).toThrow(/--state needs a value/);
    expect(() => parseArguments(['--port', '1.5'])).toThrow(/--port must be an integer/);
    expect(() => parseArguments(['--response-delay-ms', '-1'])).toThrow(/--response-delay-ms needs a value/);
    expect(() => parseArguments(['--response-delay-ms=-1'])).toThrow(
      /--response-delay-ms must be a number between 0 and 600000 \(given -1\)/,
    );
    expect(() => parseArguments(['--time-scale', '0'])).toThrow(UsageError);
  });

  it('asks for help', () => {
    expect(parseArguments(['--help'])).toBe(HELP);
    expect(parseArguments(['-h'])).toBe(HELP);
  });
});

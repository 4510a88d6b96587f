import { DEFAULT_PORT, DEFAULT_TIME_SCALE, parseCliOptions } from '../../src/cli/cli-options';
import { HELP, UsageError } from '../../src/cli/command-line';

describe('local-cloud command line', () => {
  test('serve --app with context, port, state and time scale', () => {
    expect(
      parseCliOptions([
        'serve',
        '--app',
        'my-app',
        '-c',
        'stage=dev',
        '-c',
        'a=b=c',
        '--port',
        '0',
        '--state',
        's',
        '--time-scale',
        '5',
      ]),
    ).toStrictEqual({
      command: 'serve',
      app: 'my-app',
      assembly: undefined,
      stacks: [],
      port: 0,
      stateDirectory: 's',
      timeScale: 5,
      context: { stage: 'dev', a: 'b=c' },
    });
  });

  test('serve --assembly takes the defaults', () => {
    expect(
      parseCliOptions(['serve', '--assembly', 'cdk.out', '--stack', 'Api', '--stack', 'Beta/Db']),
    ).toMatchObject({
      assembly: 'cdk.out',
      stacks: ['Api', 'Beta/Db'],
      port: DEFAULT_PORT,
      timeScale: DEFAULT_TIME_SCALE,
      context: {},
    });
  });

  test('serve takes the web console port, or --no-console; without either the console port is left to serve', () => {
    expect(parseCliOptions(['serve', '--app', 'a', '--console-port', '4600'])).toMatchObject({
      consolePort: 4600,
    });
    expect(parseCliOptions(['serve', '--app', 'a', '--no-console'])).toMatchObject({ console: false });
    expect(parseCliOptions(['serve', '--app', 'a'])).not.toHaveProperty('consolePort');
    expect(parseCliOptions(['serve', '--app', 'a'])).not.toHaveProperty('console');
  });

  test('invoke takes a function and a JSON payload', () => {
    expect(
      parseCliOptions(['invoke', 'Producer', '--payload', '{"count":3}', '--port', '4567']),
    ).toStrictEqual({
      command: 'invoke',
      functionName: 'Producer',
      payload: '{"count":3}',
      port: 4567,
    });
    expect(parseCliOptions(['invoke', 'Producer'])).toMatchObject({ payload: '{}' });
  });

  test('no command, help or --help asks for the usage', () => {
    for (const args of [[], ['help'], ['--help'], ['serve', '-h']]) {
      expect(parseCliOptions(args)).toBe(HELP);
    }
  });

  test.each([
    [['serve'], /one of --app DIR .* or --assembly DIR/],
    [['serve', '--app', 'a', '--assembly', 'b'], /one of --app DIR/],
    [['serve', '--assembly', 'b', '-c', 'x=1'], /-c KEY=VALUE .* goes with --app/],
    [['serve', '--app', 'a', '-c', 'novalue'], /-c takes KEY=VALUE \(given novalue\)/],
    [
      ['serve', '--app', 'a', '--port', '70000'],
      /--port must be an integer between 0 and 65535 \(given 70000\)/,
    ],
    [['serve', '--app', 'a', '--port', '1.5'], /--port must be an integer between 0 and 65535 \(given 1.5\)/],
    [
      ['serve', '--app', 'a', '--time-scale', '0'],
      /--time-scale must be a number between 0.001 and 1000 \(given 0\)/,
    ],
    [['serve', '--app', 'a', '--watch=yes'], /--watch takes no value/],
    [['serve', '--app'], /--app needs a value/],
    [['serve', '--app', 'a', 'extra'], /serve takes no arguments/],
    [['invoke'], /invoke takes one FUNCTION/],
    [['invoke', 'F', '--payload', '{oops'], /--payload must be JSON/],
    [['deploy'], /unknown command "deploy" \(commands: serve, invoke\)/],
    [['serve', '--nope'], /unknown option --nope/],
    [
      ['serve', '--app', 'a', '--console-port', '65536'],
      /--console-port must be an integer between 0 and 65535 \(given 65536\)/,
    ],
    [
      ['serve', '--app', 'a', '--console-port', '1', '--no-console'],
      /--console-port and --no-console go against each other/,
    ],
  ])('fails if given %j, naming the rule', (args, message) => {
    expect(() => parseCliOptions(args)).toThrow(UsageError);
    expect(() => parseCliOptions(args)).toThrow(message);
  });

  test('a usage error names the command and carries the usage to print after it', () => {
    expect(() => parseCliOptions(['deploy'])).toThrow(
      expect.objectContaining({
        command: 'local-cloud',
        usage: expect.stringMatching(/^Usage:\n {2}local-cloud serve/),
      }),
    );
  });
});

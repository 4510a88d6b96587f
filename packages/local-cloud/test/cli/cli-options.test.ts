import { CliUsageError, DEFAULT_PORT, DEFAULT_TIME_SCALE, parseCliOptions } from '../../src/cli/cli-options';

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
      expect(parseCliOptions(args)).toStrictEqual({ command: 'help' });
    }
  });

  test.each([
    [['serve'], /one of --app DIR .* or --assembly DIR/],
    [['serve', '--app', 'a', '--assembly', 'b'], /one of --app DIR/],
    [['serve', '--assembly', 'b', '-c', 'x=1'], /-c KEY=VALUE .* goes with --app/],
    [['serve', '--app', 'a', '-c', 'novalue'], /-c takes KEY=VALUE \(given "novalue"\)/],
    [['serve', '--app', 'a', '--port', '70000'], /--port must be a number from 0 to 65535 \(given "70000"\)/],
    [['serve', '--app', 'a', '--port', '1.5'], /--port must be a whole number/],
    [['serve', '--app', 'a', '--time-scale', '0'], /--time-scale must be a number from 0.001 to 1000/],
    [['serve', '--app', 'a', 'extra'], /serve takes no arguments/],
    [['invoke'], /invoke takes one FUNCTION/],
    [['invoke', 'F', '--payload', '{oops'], /--payload must be JSON/],
    [['deploy'], /unknown command "deploy" \(commands: serve, invoke\)/],
    [['serve', '--nope'], /Unknown option '--nope'/],
  ])('fails if given %j, naming the rule', (args, message) => {
    expect(() => parseCliOptions(args)).toThrow(CliUsageError);
    expect(() => parseCliOptions(args)).toThrow(message);
  });
});

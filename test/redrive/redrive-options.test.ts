import { HELP, UsageError } from 'local-cloud';
import { parseRedriveOptions, type RedriveOptions } from '../../bin/redrive/redrive-options';

/** The options of a command line that is expected to parse, and not to ask for help. */
function optionsOf(argv: readonly string[], environment: Record<string, string> = {}): RedriveOptions {
  const options = parseRedriveOptions(argv, environment);
  if (options === HELP) throw new Error(`${argv.join(' ')} asked for help`);
  return options;
}

describe('parseRedriveOptions', () => {
  test('defaults: every reason, no limit, for real, the OrderPipeline stack, AWS endpoints', () => {
    expect(parseRedriveOptions([], {})).toStrictEqual({
      mode: 'records',
      stackName: 'OrderPipeline',
      dryRun: false,
      waitSeconds: 300,
    });
  });

  test('selects by reasons, repeatable, with a dry run and a limit', () => {
    expect(
      parseRedriveOptions(
        ['--reason', 'RETRIES_EXHAUSTED', '--reason', 'INVALID_ORDER', '--dry-run', '--limit', '25'],
        {},
      ),
    ).toMatchObject({
      mode: 'records',
      reasons: ['RETRIES_EXHAUSTED', 'INVALID_ORDER'],
      dryRun: true,
      limit: 25,
    });
  });

  test('--endpoint-url wins over AWS_ENDPOINT_URL, which is used when it is absent', () => {
    expect(optionsOf([], { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }).endpointUrl).toBe(
      'http://127.0.0.1:4566',
    );
    expect(
      optionsOf(['--endpoint-url', 'http://127.0.0.1:5000'], { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' })
        .endpointUrl,
    ).toBe('http://127.0.0.1:5000');
  });

  test('--move-dlq moves the dead-letter queue and waits as long as asked', () => {
    expect(parseRedriveOptions(['--move-dlq', '--wait-seconds', '60'], {})).toMatchObject({
      mode: 'move-dlq',
      waitSeconds: 60,
    });
  });

  test('fails listing every problem: unknown reasons, a bad limit, a bad endpoint', () => {
    const argv = ['--reason', 'LOST', '--reason', 'LATE', '--limit', '0', '--endpoint-url', 'localhost:4566'];
    expect(() => parseRedriveOptions(argv, {})).toThrow(
      expect.objectContaining({
        name: 'UsageError',
        command: 'npm run redrive',
        problems: [
          '--reason must be one of INVALID_ORDER, CONFLICTING_DUPLICATE, RETRIES_EXHAUSTED (given LOST)',
          '--reason must be one of INVALID_ORDER, CONFLICTING_DUPLICATE, RETRIES_EXHAUSTED (given LATE)',
          '--limit must be an integer of at least 1 (given 0)',
          '--endpoint-url must be an http(s) URL (given localhost:4566)',
        ],
      }),
    );
  });

  test('fails if --wait-seconds is not a whole number of seconds', () => {
    expect(() => parseRedriveOptions(['--move-dlq', '--wait-seconds', '1.5'], {})).toThrow(
      /--wait-seconds must be an integer of at least 1 \(given 1.5\)/,
    );
  });

  test('fails if --move-dlq is given a selection it cannot apply', () => {
    expect(() => parseRedriveOptions(['--move-dlq', '--limit', '3'], {})).toThrow(
      /--reason and --limit do not apply/,
    );
  });

  test('fails on an unknown option', () => {
    expect(() => parseRedriveOptions(['--all'], {})).toThrow(UsageError);
    expect(() => parseRedriveOptions(['--all'], {})).toThrow(/^unknown option --all$/);
  });

  test('--help and -h ask for the usage, whatever else is given', () => {
    expect(parseRedriveOptions(['--help'], {})).toBe(HELP);
    expect(parseRedriveOptions(['--limit', '0', '-h'], {})).toBe(HELP);
  });
});

import { parseRedriveOptions, RedriveOptionsError } from '../../bin/redrive/redrive-options';

describe('parseRedriveOptions', () => {
  test('defaults: every reason, no limit, for real, the OrderPipeline stack, AWS endpoints', () => {
    expect(parseRedriveOptions([], {})).toStrictEqual({
      mode: 'records',
      stackName: 'OrderPipeline',
      dryRun: false,
      waitSeconds: 300,
      help: false,
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
    expect(parseRedriveOptions([], { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }).endpointUrl).toBe(
      'http://127.0.0.1:4566',
    );
    expect(
      parseRedriveOptions(['--endpoint-url', 'http://127.0.0.1:5000'], {
        AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      }).endpointUrl,
    ).toBe('http://127.0.0.1:5000');
  });

  test('--move-dlq moves the dead-letter queue and waits as long as asked', () => {
    expect(parseRedriveOptions(['--move-dlq', '--wait-seconds', '60'], {})).toMatchObject({
      mode: 'move-dlq',
      waitSeconds: 60,
    });
  });

  test('fails listing every problem: an unknown reason, a bad limit, a bad endpoint', () => {
    const parse = () =>
      parseRedriveOptions(['--reason', 'LOST', '--limit', '0', '--endpoint-url', 'localhost:4566'], {});
    expect(parse).toThrow(RedriveOptionsError);
    expect(parse).toThrow(
      /--reason must be one of INVALID_ORDER, CONFLICTING_DUPLICATE, RETRIES_EXHAUSTED \(given LOST\)/,
    );
    expect(parse).toThrow(/--limit must be a whole number of at least 1 \(given 0\)/);
    expect(parse).toThrow(/--endpoint-url must be an http\(s\) URL \(given localhost:4566\)/);
  });

  test('fails if --move-dlq is given a selection it cannot apply', () => {
    expect(() => parseRedriveOptions(['--move-dlq', '--limit', '3'], {})).toThrow(
      /--reason and --limit do not apply/,
    );
  });

  test('fails on an unknown option', () => {
    expect(() => parseRedriveOptions(['--all'], {})).toThrow(RedriveOptionsError);
  });
});

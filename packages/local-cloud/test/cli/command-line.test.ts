import {
  type CommandLine,
  checkAll,
  HELP,
  keyValueOption,
  numberOption,
  type OptionTable,
  oneOfOption,
  parseCommandLine,
  resolveCommandLine,
  UsageError,
} from '../../src/cli/command-line';

const EXAMPLE = {
  command: 'example',
  usage: 'Usage: example [--port P] [--dry-run] [-c KEY=VALUE]',
  options: {
    port: { type: 'string' },
    'dry-run': { type: 'boolean' },
    context: { type: 'string', short: 'c', multiple: true },
  },
} as const satisfies CommandLine<OptionTable>;

const parseExample = (args: readonly string[]) =>
  parseCommandLine(EXAMPLE, args, ({ values }) => ({
    port: numberOption('--port', values.port, { min: 0, max: 65_535, integer: true }),
    dryRun: values['dry-run'] === true,
    context: keyValueOption('-c', values.context),
  }));

/** The UsageError a call throws; fails the test when it throws nothing or something else. */
function usageErrorOf(call: () => unknown): UsageError {
  try {
    call();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError, nothing was thrown');
}

describe('parseCommandLine', () => {
  test('hands the option table values to the interpretation', () => {
    expect(parseExample(['--port', '4567', '--dry-run', '-c', 'a=b', '-c', 'x=y=z'])).toStrictEqual({
      port: 4567,
      dryRun: true,
      context: { a: 'b', x: 'y=z' },
    });
  });

  test.each([[['--help']], [['-h']], [['--port', '1', '--help']]])(
    '%j asks for the usage without interpreting the rest',
    (args) => {
      expect(parseCommandLine(EXAMPLE, args, () => 'interpreted')).toBe(HELP);
    },
  );

  test.each([
    [['--nope'], 'unknown option --nope'],
    [['-x'], 'unknown option -x'],
    [['--port'], '--port needs a value'],
    [['-c'], '-c needs a value'],
    [['--port', '--dry-run'], '--port needs a value (for one that starts with a dash, write --port=VALUE)'],
    [['--dry-run=yes'], '--dry-run takes no value'],
    [['extra'], 'unexpected argument extra: this command takes only options'],
  ])('fails if given %j: %s', (args, problem) => {
    const error = usageErrorOf(() => parseExample(args));
    expect(error.name).toBe('UsageError');
    expect(error.problems).toStrictEqual([problem]);
    expect(error.message).toBe(problem);
  });

  test('a usage error from the interpretation carries the command and its usage', () => {
    const error = usageErrorOf(() => parseExample(['--port', '70000']));
    expect(error.command).toBe('example');
    expect(error.usage).toBe(EXAMPLE.usage);
    expect(error.report()).toBe(
      `example: --port must be an integer between 0 and 65535 (given 70000)\n\n${EXAMPLE.usage}\n`,
    );
  });

  test('takes positionals only when the command line allows them', () => {
    const withPositionals = { ...EXAMPLE, allowPositionals: true };
    expect(
      parseCommandLine(withPositionals, ['serve', '--dry-run'], ({ positionals }) => positionals),
    ).toStrictEqual(['serve']);
  });

  test('lets an error that is not about usage through unchanged', () => {
    const bug = new TypeError('a bug');
    expect(() =>
      parseCommandLine(EXAMPLE, [], () => {
        throw bug;
      }),
    ).toThrow(bug);
  });
});

describe('numberOption', () => {
  test('is undefined when the option is absent, the number when it is in range', () => {
    expect(numberOption('--port', undefined, { min: 0, max: 10 })).toBeUndefined();
    expect(numberOption('--ratio', '0.25', { min: 0, max: 1 })).toBe(0.25);
    expect(numberOption('--port', '0', { min: 0, max: 65_535, integer: true })).toBe(0);
  });

  test.each([
    [
      '70000',
      { min: 0, max: 65_535, integer: true },
      '--x must be an integer between 0 and 65535 (given 70000)',
    ],
    ['1.5', { min: 0, max: 65_535, integer: true }, '--x must be an integer between 0 and 65535 (given 1.5)'],
    ['0', { min: 0.001, max: 1000 }, '--x must be a number between 0.001 and 1000 (given 0)'],
    ['abc', { min: 0, max: 1 }, '--x must be a number between 0 and 1 (given abc)'],
    ['', { min: 0, max: 1 }, '--x must be a number between 0 and 1 (given "")'],
    [' ', { min: 0, max: 1 }, '--x must be a number between 0 and 1 (given " ")'],
    ['Infinity', { min: 1 }, '--x must be a number of at least 1 (given Infinity)'],
    ['0', { min: 1, integer: true }, '--x must be an integer of at least 1 (given 0)'],
  ])('fails if given %j for %j', (raw, range, problem) => {
    expect(usageErrorOf(() => numberOption('--x', raw, range)).message).toBe(problem);
  });
});

describe('keyValueOption', () => {
  test('is empty when the option is absent', () => {
    expect(keyValueOption('-c', undefined)).toStrictEqual({});
  });

  test.each([['novalue'], ['=value'], ['']])('fails if a pair is %j', (pair) => {
    expect(usageErrorOf(() => keyValueOption('-c', ['a=1', pair])).message).toMatch(
      /^-c takes KEY=VALUE \(given /,
    );
  });
});

describe('oneOfOption', () => {
  test('passes an allowed value or an absent one', () => {
    expect(oneOfOption('--mode', 'fast', ['fast', 'slow'])).toBe('fast');
    expect(oneOfOption('--mode', undefined, ['fast', 'slow'])).toBeUndefined();
  });

  test('fails listing the allowed values', () => {
    expect(usageErrorOf(() => oneOfOption('--mode', 'medium', ['fast', 'slow'])).message).toBe(
      '--mode must be one of fast, slow (given medium)',
    );
  });
});

describe('checkAll', () => {
  test('returns every value in order when no check fails', () => {
    expect(checkAll([() => 1, () => 'two', () => undefined])).toStrictEqual([1, 'two', undefined]);
  });

  test('names every problem, not only the first', () => {
    const error = usageErrorOf(() =>
      checkAll([
        () => numberOption('--limit', '0', { min: 1, integer: true }),
        () => 'fine',
        () => oneOfOption('--reason', 'LOST', ['LATE']),
      ]),
    );
    expect(error.problems).toStrictEqual([
      '--limit must be an integer of at least 1 (given 0)',
      '--reason must be one of LATE (given LOST)',
    ]);
    expect(error.message).toBe(error.problems.join('\n'));
  });
});

describe('resolveCommandLine', () => {
  const streams = () => {
    const written = { stdout: '', stderr: '' };
    return {
      written,
      stdout: { write: (text: string) => (written.stdout += text) },
      stderr: { write: (text: string) => (written.stderr += text) },
    };
  };

  test('returns the options to run with', () => {
    const output = streams();
    expect(resolveCommandLine(EXAMPLE, () => parseExample(['--port', '1']), output)).toStrictEqual({
      options: { port: 1, dryRun: false, context: {} },
    });
    expect(output.written).toStrictEqual({ stdout: '', stderr: '' });
  });

  test('--help prints the usage on stdout and exits 0', () => {
    const output = streams();
    expect(resolveCommandLine(EXAMPLE, () => parseExample(['--help']), output)).toStrictEqual({
      exitCode: 0,
    });
    expect(output.written).toStrictEqual({ stdout: `${EXAMPLE.usage}\n`, stderr: '' });
  });

  test('a usage error prints the problem and the usage on stderr and exits 2', () => {
    const output = streams();
    expect(resolveCommandLine(EXAMPLE, () => parseExample(['--nope']), output)).toStrictEqual({
      exitCode: 2,
    });
    expect(output.written).toStrictEqual({
      stdout: '',
      stderr: `example: unknown option --nope\n\n${EXAMPLE.usage}\n`,
    });
  });

  test('a usage error thrown outside parseCommandLine gets the command line it resolves', () => {
    const output = streams();
    const outcome = resolveCommandLine(EXAMPLE, () => numberOption('--port', 'x', { min: 0 }), output);
    expect(outcome).toStrictEqual({ exitCode: 2 });
    expect(output.written.stderr).toBe(
      `example: --port must be a number of at least 0 (given x)\n\n${EXAMPLE.usage}\n`,
    );
  });

  test('lets any other error through', () => {
    expect(() =>
      resolveCommandLine(EXAMPLE, () => {
        throw new RangeError('a bug');
      }),
    ).toThrow(RangeError);
  });
});

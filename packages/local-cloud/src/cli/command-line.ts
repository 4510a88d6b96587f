/**
 * The one way every command line of the local cloud and the app is read: `node:util`'s `parseArgs`
 * over a declarative option table, one {@link UsageError} for input that makes no sense, and the
 * checks the commands share (numbers in a range, `KEY=VALUE` pairs, one of a list).
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

/** The option table `parseArgs` takes: each long name with its type and, optionally, a short name. */
export type OptionTable = NonNullable<ParseArgsConfig['options']>;

/** What a usage error needs to be printed: the command's name and its usage text. */
export interface CommandLineText {
  /** How the user starts the command, e.g. `local-cloud` or `npm start`: each problem is prefixed with it. */
  readonly command: string;
  /** The text `--help` prints, and a usage error prints after its problems. */
  readonly usage: string;
}

/** A command line: its name, its usage text and its options. */
export interface CommandLine<Options extends OptionTable> extends CommandLineText {
  /** The options, as `parseArgs` takes them; `-h, --help` is added to every command line. */
  readonly options: Options;
  /** Whether the command takes arguments besides its options (e.g. a subcommand). @default false */
  readonly allowPositionals?: boolean;
}

/** The help option every command line has. */
const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

type ParseResult<Options extends OptionTable> = ReturnType<
  typeof parseArgs<{ options: Options & typeof HELP_OPTION; allowPositionals: true; strict: true }>
>;

/** The parsed options (strings, booleans, or arrays of them for repeatable options) and the other arguments. */
export interface ParsedCommandLine<Options extends OptionTable> {
  readonly values: ParseResult<Options>['values'];
  readonly positionals: readonly string[];
}

/** What a parser returns for `-h` or `--help`: the caller prints the usage and exits 0. */
export const HELP = 'help';

/**
 * Command-line input that makes no sense. The message names every problem and what is allowed;
 * {@link UsageError.report} adds the command's name and usage, for stderr before exit code 2.
 */
export class UsageError extends Error {
  /** Each problem, one sentence each. */
  readonly problems: readonly string[];
  /** The command's name, once known. */
  readonly command?: string;
  /** The command's usage text, once known. */
  readonly usage?: string;

  constructor(problems: string | readonly string[], text?: CommandLineText) {
    const list = typeof problems === 'string' ? [problems] : [...problems];
    super(list.join('\n'));
    this.name = 'UsageError';
    this.problems = list;
    this.command = text?.command;
    this.usage = text?.usage;
  }

  /** The same problems, told as belonging to this command line. */
  of(text: CommandLineText): UsageError {
    return new UsageError(this.problems, text);
  }

  /** What to print on stderr: each problem on its own line, prefixed with the command, then the usage. */
  report(): string {
    const prefix = this.command === undefined ? '' : `${this.command}: `;
    const problems = this.problems.map((problem) => `${prefix}${problem}\n`).join('');
    return this.usage === undefined ? problems : `${problems}\n${this.usage.trimEnd()}\n`;
  }
}

/**
 * Reads `args` against a command line's option table, then lets `interpret` check the values and
 * build the command's options. A `UsageError` from either step carries the command line's name and
 * usage.
 *
 * @returns {@link HELP} for `-h` or `--help`, else what `interpret` returns.
 * @throws UsageError for an unknown option, a missing value, an argument the command does not take,
 *   or whatever `interpret` rejects.
 * @example
 * parseCommandLine(BENCH_COMMAND_LINE, ['--orders', '2000'], ({ values }) => ({
 *   orders: numberOption('--orders', values.orders, { min: 1, max: 100_000, integer: true }),
 * }));
 */
export function parseCommandLine<Options extends OptionTable, Result>(
  commandLine: CommandLine<Options>,
  args: readonly string[],
  interpret: (parsed: ParsedCommandLine<Options>) => Result,
): Result | typeof HELP {
  try {
    const { values, positionals } = parseWithHelp(commandLine, args);
    // The option table is generic here, so its values' type does not show the help option it holds.
    if ((values as { help?: boolean }).help === true) return HELP;
    return interpret({ values, positionals });
  } catch (error) {
    if (error instanceof UsageError) throw error.of(commandLine);
    throw error;
  }
}

function parseWithHelp<Options extends OptionTable>(
  commandLine: CommandLine<Options>,
  args: readonly string[],
): ParseResult<Options> {
  const options = { ...commandLine.options, ...HELP_OPTION };
  try {
    return parseArgs({
      args: [...args],
      options,
      allowPositionals: commandLine.allowPositionals ?? false,
      strict: true,
    }) as ParseResult<Options>;
  } catch (error) {
    throw new UsageError(parseProblem(error));
  }
}

/** Turns `parseArgs`'s message, written for programmers, into one short sentence for the user. */
function parseProblem(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^',\s]+)/.exec(message)?.[1];
  const argument = /argument '([^']*)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) return `unknown option ${option}`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && argument !== undefined) {
    return `unexpected argument ${argument}: this command takes only options`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
    if (message.includes('does not take an argument')) return `${option} takes no value`;
    if (message.includes('ambiguous')) {
      return `${option} needs a value (for one that starts with a dash, write ${option}=VALUE)`;
    }
    return `${option} needs a value`;
  }
  return message;
}

/** The range a number option accepts, ends included. */
export interface NumberRange {
  readonly min: number;
  /** @default - no upper bound */
  readonly max?: number;
  /** Only whole numbers. @default false */
  readonly integer?: boolean;
}

/**
 * A number option's value, checked against its range.
 *
 * @param option the option as the user writes it, e.g. `--port`
 * @returns undefined when the option was not given
 * @throws UsageError naming the option, its range and the value given, e.g.
 *   "--port must be an integer between 0 and 65535 (given 70000)"
 */
export function numberOption(
  option: string,
  raw: string | undefined,
  range: NumberRange,
): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  const { min, max, integer = false } = range;
  const valid =
    raw.trim() !== '' &&
    Number.isFinite(value) &&
    value >= min &&
    (max === undefined || value <= max) &&
    (!integer || Number.isInteger(value));
  if (valid) return value;
  const kind = integer ? 'an integer' : 'a number';
  const bounds = max === undefined ? `of at least ${min}` : `between ${min} and ${max}`;
  throw new UsageError(`${option} must be ${kind} ${bounds} (given ${shown(raw)})`);
}

/**
 * The `KEY=VALUE` pairs of a repeatable option (such as CDK context, `-c KEY=VALUE`) as a record;
 * the value may itself hold `=`, a later key wins.
 *
 * @throws UsageError for a pair without a key or without `=`
 */
export function keyValueOption(option: string, pairs: readonly string[] | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new UsageError(`${option} takes KEY=VALUE (given ${shown(pair)})`);
    record[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return record;
}

/**
 * A value that must be one of a list.
 *
 * @returns the value, typed as one of `allowed`; undefined when the option was not given
 * @throws UsageError listing the allowed values
 */
export function oneOfOption<Allowed extends string>(
  option: string,
  raw: string | undefined,
  allowed: readonly Allowed[],
): Allowed | undefined {
  if (raw === undefined || (allowed as readonly string[]).includes(raw)) return raw as Allowed | undefined;
  throw new UsageError(`${option} must be one of ${allowed.join(', ')} (given ${shown(raw)})`);
}

/**
 * Runs every check, then throws one {@link UsageError} naming all their problems, so one attempt
 * shows the user every mistake instead of the first.
 *
 * @returns each check's value, in order
 */
export function checkAll<Checks extends readonly (() => unknown)[]>(
  checks: readonly [...Checks],
): { -readonly [Index in keyof Checks]: ReturnType<Checks[Index]> } {
  const problems: string[] = [];
  const results = checks.map((check) => {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  });
  if (problems.length > 0) throw new UsageError(problems);
  return results as { -readonly [Index in keyof Checks]: ReturnType<Checks[Index]> };
}

/** Where a command's main writes its usage and its problems. */
export interface CommandLineStreams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** The options to run with, or the exit code of a command line that leaves nothing to run. */
export type CommandLineOutcome<Options> = { readonly options: Options } | { readonly exitCode: 0 | 2 };

/**
 * How every command's main starts: for `--help` the usage on stdout and exit code 0, for a
 * {@link UsageError} its problems and the usage on stderr and exit code 2, else the options.
 */
export function resolveCommandLine<Options>(
  commandLine: CommandLineText,
  parse: () => Options | typeof HELP,
  streams: CommandLineStreams = process,
): CommandLineOutcome<Options> {
  try {
    const options = parse();
    if (options !== HELP) return { options };
    streams.stdout.write(`${commandLine.usage.trimEnd()}\n`);
    return { exitCode: 0 };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    streams.stderr.write((error.command === undefined ? error.of(commandLine) : error).report());
    return { exitCode: 2 };
  }
}

/** A value as the user gave it, quoted when its spaces or emptiness would not show. */
function shown(raw: string): string {
  return raw === '' || raw.trim() !== raw ? JSON.stringify(raw) : raw;
}

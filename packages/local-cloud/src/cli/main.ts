#!/usr/bin/env node
import { CloudAssemblyError } from '../assembly/errors';
import { CLI_COMMAND_LINE, parseCliOptions } from './cli-options';
import { resolveCommandLine, UsageError } from './command-line';
import { InvokeError, invoke } from './invoke';
import { ServeInputError, serve } from './serve';
/** `local-cloud`: serve any synthesized CDK app on this machine, or invoke one of its functions. */
import { AppSynthesisError } from './synthesize-app';

/** Errors a user can fix from their message alone: printed as one line, without a stack trace. */
const USER_ERRORS = [UsageError, AppSynthesisError, ServeInputError, InvokeError, CloudAssemblyError];

/** Runs the command; resolves to the process exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const commandLine = resolveCommandLine(CLI_COMMAND_LINE, () => parseCliOptions(args));
  if ('exitCode' in commandLine) return commandLine.exitCode;
  const { options } = commandLine;
  if (options.command === 'invoke') {
    const outcome = await invoke(options);
    process.stdout.write(`${outcome.payload}\n`);
    if (outcome.functionError === undefined) return 0;
    process.stderr.write(`local-cloud: ${outcome.functionName} failed (${outcome.functionError})\n`);
    return 1;
  }
  // Listening from the start: a signal that arrives while the stack starts still stops it cleanly.
  const stopRequested = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const serving = await serve(options);
  await stopRequested;
  process.stdout.write('\nStopping the local cloud...\n');
  await serving.stop();
  return 0;
}

/** Runs `local-cloud` with the process's arguments and exits with its code (the bin's entry). */
export function runAsProcess(): void {
  // The SDK's clients in the cloud would each warn that a future release needs a newer Node.js.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (USER_ERRORS.some((type) => error instanceof type)) {
        process.stderr.write(`local-cloud: ${(error as Error).message}\n`);
        process.exit(1);
      }
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}

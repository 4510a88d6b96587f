/**
 * `local-cloud/command-line`: the command-line helpers alone (`parseCommandLine`, `UsageError`, the
 * option checks), for a script that reads its options the way the local cloud's commands do but
 * does not run a cloud. Importing the whole package loads every service; this loads one module.
 *
 * @example
 * import { parseCommandLine, resolveCommandLine } from 'local-cloud/command-line';
 */
export * from './src/cli/command-line';

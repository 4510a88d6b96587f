/**
 * The local cloud's public API: everything an app, its tests and its tools may import from
 * `local-cloud`. Anything not exported here is internal and may change.
 */

export * from './assembly';
export {
  type CommandLine,
  type CommandLineOutcome,
  type CommandLineStreams,
  type CommandLineText,
  checkAll,
  HELP,
  keyValueOption,
  type NumberRange,
  numberOption,
  type OptionTable,
  oneOfOption,
  type ParsedCommandLine,
  parseCommandLine,
  resolveCommandLine,
  UsageError,
} from './cli/command-line';
export {
  type Clock,
  InvalidTimeScaleError,
  ManualClock,
  scaledClock,
  systemClock,
  type TimerHandle,
  timeScaleNotice,
} from './clock';
export { lastCloudTime, type ResumedClock, resumedClock } from './clock-checkpoint';
export { LocalCloud, type LocalCloudOptions, messagesOn, type QueueDepth } from './cloud';
export * from './cloudformation';
export * from './cloudwatch';
export {
  type ActivityChange,
  ActivityRecorder,
  type ActivityRecorderOptions,
  type ActivitySources,
} from './console/activity-recorder';
export * from './console/console-contract';
export {
  type ConsoleServer,
  type ConsoleServerOptions,
  startConsoleServer,
} from './console/console-server';
export { renderRunReport } from './console/report-html';
export { ConsolePortInUseError, consolePortFor, serveWithConsole } from './console/served-console';
export * from './dynamodb';
export * from './event-source-mapping';
export { type Gateway, startGateway } from './gateway';
export * from './lambda';
export { compileFilterPattern, type LogEventMatcher } from './logs/filter-pattern';
export { DEFAULT_LOG_DIRECTORY, LogFiles, logFilePath } from './logs/log-files';
export {
  type LogEvent,
  type LogEventListener,
  type LogGroupDescription,
  type LogStreamDescription,
  LogsService,
  type LogsServiceOptions,
  type StoredLogEvent,
} from './logs/logs-service';
export { TerminalPrinter, type TerminalPrinterOptions } from './logs/terminal-printer';
export { PeakMemory } from './peak-memory';
export { type ServedCloud, startServedCloud } from './served-cloud';
export { signingServiceOf } from './signing-service';
export { type JsonTransport, SqsJsonProtocolClient } from './sqs/json-protocol-client';
export { md5OfBody, md5OfMessageAttributes } from './sqs/md5';
export { JSON_1_0_CONTENT_TYPE } from './sqs/request-signer';
export { type SqsFaults, type SqsServer, type SqsServerOptions, startSqsServer } from './sqs/server';
export { type AwsCli, awsCliEnvironment, debianAwsCli, pathAwsCli } from './testing/aws-cli';
export {
  type AwsCliResult,
  type AwsCliRunOptions,
  type AwsCliShim,
  awsCliShim,
  runAwsCli,
} from './testing/aws-cli-driver';
export { bundledScript } from './testing/bundled-script';
export { notRunHere } from './testing/not-run-here';

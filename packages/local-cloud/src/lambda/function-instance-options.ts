import type { LocalFunctionDefinition } from '../assembly/local-stack';
import type { Clock } from '../clock';

/** What an instance writes its log lines to: one log stream. */
export type LogWriter = (message: string) => void;

/** The lifecycle of an instance: it starts, serves one invocation at a time, and ends for good. */
export type InstanceState = 'initializing' | 'idle' | 'busy' | 'stopped';

/** Options of a {@link FunctionInstance}. */
export interface FunctionInstanceOptions {
  readonly definition: LocalFunctionDefinition;
  /** The worker's whole `process.env`. */
  readonly environment: Readonly<Record<string, string>>;
  readonly logStreamName: string;
  readonly log: LogWriter;
  /**
   * Times the init limit and the function's timeout: real time, whatever the cloud's time scale, so
   * code gets the budget it has on Lambda (tests pass a faster clock to compress it).
   */
  readonly executionClock: Clock;
  /** The runtime named in INIT_START. */
  readonly runtimeVersion: string;
  /**
   * Folders the runtime's own modules (the AWS SDK) are resolved from, after the asset's node_modules.
   * @default - the local-cloud package's folder
   */
  readonly runtimeModulePaths?: readonly string[];
}

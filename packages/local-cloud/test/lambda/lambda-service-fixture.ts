import { rmSync } from 'node:fs';
import type { LocalFunctionDefinition } from '../../src/assembly';
import type { Clock } from '../../src/clock';
import { type InvocationResult, LambdaService } from '../../src/lambda';
import { LogsService } from '../../src/logs';
import { TEST_ENVIRONMENT } from '../assembly/template-factory';
import { writeHandlerAssets } from './function-fixtures';

/** A request id, as a regular expression source. */
export const REQUEST_ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** A timestamp as the runtime writes it at the start of a log line, as a regular expression source. */
export const ISO_TIME = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';

/** The service settings a LambdaService test varies; the environment is always the test one. */
export interface ServiceSettings {
  readonly concurrency?: number;
  readonly clock?: Clock;
  readonly executionClock?: Clock;
}

/** Every test handler's assets in one temp folder, and one LambdaService with its own logs per test. */
export class LambdaServiceFixture {
  readonly root = writeHandlerAssets();
  private running?: { readonly lambda: LambdaService; readonly logs: LogsService };

  /** The service the test started last, as far as the tests use it. */
  readonly lambda: Pick<LambdaService, 'invoke' | 'statistics' | 'getFunction'> = {
    invoke: (functionName, payload) => this.service().invoke(functionName, payload),
    statistics: () => this.service().statistics(),
    getFunction: (name) => this.service().getFunction(name),
  };

  /** Starts a service over `functions`, with its own logs, in place of the last one. */
  start = (functions: LocalFunctionDefinition[], options: ServiceSettings = {}): LambdaService => {
    const logs = new LogsService();
    const lambda = new LambdaService({ functions, environment: TEST_ENVIRONMENT, logs, ...options });
    this.running = { lambda, logs };
    return lambda;
  };

  /** Every line the instance that ran this invocation wrote, in order. */
  logLines = (result: InvocationResult): string[] => {
    const { logGroupName } = this.service().getFunction(result.functionName);
    return this.logs()
      .getLogEvents(logGroupName, result.logStreamName)
      .map((event) => event.message);
  };

  async stop(): Promise<void> {
    await this.running?.lambda.shutdown();
  }

  removeAssets(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  private service(): LambdaService {
    return this.started().lambda;
  }

  private logs(): LogsService {
    return this.started().logs;
  }

  private started(): { readonly lambda: LambdaService; readonly logs: LogsService } {
    if (!this.running) throw new Error('no LambdaService runs: the test calls start first');
    return this.running;
  }
}

/** A fixture whose service stops after each test of the enclosing `describe`, its assets after all. */
export function lambdaServiceFixture(): LambdaServiceFixture {
  const fixture = new LambdaServiceFixture();
  afterEach(() => fixture.stop());
  afterAll(() => fixture.removeAssets());
  return fixture;
}

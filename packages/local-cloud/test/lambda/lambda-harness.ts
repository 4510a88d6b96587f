import { rmSync } from 'node:fs';
import type { LocalEnvironment, LocalFunctionDefinition } from '../../src/assembly';
import { type InvocationResult, LambdaService } from '../../src/lambda';
import { LogsService } from '../../src/logs';
import { TEST_ENVIRONMENT } from '../assembly/template-factory';

/** One LambdaService and its logs per test, stopped after it; the temp folders go after the suite. */
export class LambdaHarness {
  public logs = new LogsService();
  public lambda?: LambdaService;
  private readonly folders: string[] = [];

  start(
    functions: LocalFunctionDefinition[],
    options: { environment?: LocalEnvironment; runtimeModulePaths?: string[] } = {},
  ): LambdaService {
    this.logs = new LogsService();
    this.lambda = new LambdaService({
      functions,
      environment: options.environment ?? TEST_ENVIRONMENT,
      logs: this.logs,
      runtimeModulePaths: options.runtimeModulePaths,
    });
    return this.lambda;
  }

  /** Every line the instance that ran this invocation wrote, in order. */
  logLines(result: InvocationResult): string[] {
    const { logGroupName } = (this.lambda as LambdaService).getFunction(result.functionName);
    return this.logs.getLogEvents(logGroupName, result.logStreamName).map((event) => event.message);
  }

  /** Removes the folder after the suite. */
  track(folder: string): string {
    this.folders.push(folder);
    return folder;
  }

  async stop(): Promise<void> {
    await this.lambda?.shutdown();
    this.lambda = undefined;
  }

  removeFolders(): void {
    for (const folder of this.folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  }
}

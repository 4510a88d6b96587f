import type { FunctionNotRun } from '../assembly/function-support';
import type { LocalEnvironment } from '../assembly/local-environment';

/**
 * The functions of the template that the local Lambda does not run (a Python worker, CDK's helpers),
 * as the event source mappings that invoke them need them: an ARN to show, and why they cannot run.
 * Such a mapping is listed, disabled, as Lambda lists any mapping, and never polled.
 */
export class FunctionsNotRun {
  constructor(
    private readonly functions: readonly FunctionNotRun[],
    private readonly environment: LocalEnvironment,
  ) {}

  /** The function not run that a name, ARN or logical id names, if any. */
  find(name: string): FunctionNotRun | undefined {
    return this.functions.find(
      (fn) => fn.functionName === name || fn.logicalId === name || this.arnOf(fn.functionName) === name,
    );
  }

  /** The ARN the function would have, as the template's account and region give it. */
  arnOf(functionName: string): string {
    const { partition, region, accountId } = this.environment;
    return `arn:${partition}:lambda:${region}:${accountId}:function:${functionName}`;
  }

  /**
   * Why a mapping of this function stays disabled, in the form Lambda gives a state it brought a
   * mapping to itself (a user's change reads `USER_INITIATED`).
   */
  stateTransitionReason(functionName: string): string {
    const reason = this.find(functionName)?.reason ?? 'it is not a function of the local Lambda';
    return `PROBLEM: function ${functionName} does not run locally (${reason}); its messages stay on the queue`;
  }
}

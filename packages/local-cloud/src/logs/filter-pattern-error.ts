/**
 * A filter pattern that CloudWatch Logs would refuse. The Logs API answers it with
 * `InvalidParameterException`, the message naming the pattern and what is wrong with it.
 */
export class InvalidFilterPatternError extends Error {
  constructor(
    public readonly pattern: string,
    public readonly reason: string,
  ) {
    super(`Invalid filter pattern ${JSON.stringify(pattern)}: ${reason}`);
    this.name = 'InvalidFilterPatternError';
  }
}

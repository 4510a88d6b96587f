import { InvalidParameterException } from './errors';

/**
 * A filter pattern that CloudWatch Logs would refuse: an `InvalidParameterException` on the wire,
 * the message naming the pattern and what is wrong with it.
 */
export class InvalidFilterPatternError extends InvalidParameterException {
  constructor(
    public readonly pattern: string,
    public readonly reason: string,
  ) {
    super(`Invalid filter pattern ${JSON.stringify(pattern)}: ${reason}`);
    this.name = 'InvalidFilterPatternError';
  }
}

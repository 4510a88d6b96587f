import { LambdaApiError } from '../lambda/api-errors';

/** Lambda's error for an event source mapping UUID that does not exist: 404 on the API. */
export class EventSourceMappingNotFoundException extends LambdaApiError {
  constructor(
    public readonly uuid: string,
    known: readonly string[],
  ) {
    super(
      'ResourceNotFoundException',
      `The resource you requested does not exist. (Event source mapping ${uuid}; mappings: ${known.join(', ') || 'none'})`,
    );
    // Lambda's error type, which the API answers with.
    this.name = 'ResourceNotFoundException';
  }
}

/** Lambda's error for a request value outside what the operation allows; lists every problem. */
export class InvalidParameterValueException extends LambdaApiError {
  constructor(public readonly problems: readonly string[]) {
    super('InvalidParameterValueException', problems.join('; '));
    this.name = 'InvalidParameterValueException';
  }
}

/** Lambda's error for an event source mapping UUID that does not exist. */
export class EventSourceMappingNotFoundException extends Error {
  constructor(
    public readonly uuid: string,
    known: readonly string[],
  ) {
    super(
      `The resource you requested does not exist. (Event source mapping ${uuid}; mappings: ${known.join(', ') || 'none'})`,
    );
    // Lambda's error type, which the API answers with.
    this.name = 'ResourceNotFoundException';
  }
}

/** Lambda's error for a request value outside what the operation allows; lists every problem. */
export class InvalidParameterValueException extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'InvalidParameterValueException';
  }
}

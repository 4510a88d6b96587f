/** CloudWatch Logs' error for a log group or stream that does not exist. */
export class ResourceNotFoundException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResourceNotFoundException';
  }
}

/** CloudWatch Logs' error for a log group or stream that exists already. */
export class ResourceAlreadyExistsException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResourceAlreadyExistsException';
  }
}

/** CloudWatch Logs' error for a request parameter that is missing, out of range or malformed. */
export class InvalidParameterException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidParameterException';
  }
}

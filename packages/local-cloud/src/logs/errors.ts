import { AwsError } from '../protocol';

/** CloudWatch Logs' error for a log group or stream that does not exist. */
export class ResourceNotFoundException extends AwsError {
  constructor(message: string) {
    super('ResourceNotFoundException', message);
    this.name = 'ResourceNotFoundException';
  }
}

/** CloudWatch Logs' error for a log group or stream that exists already. */
export class ResourceAlreadyExistsException extends AwsError {
  constructor(message: string) {
    super('ResourceAlreadyExistsException', message);
    this.name = 'ResourceAlreadyExistsException';
  }
}

/** CloudWatch Logs' error for a request parameter that is missing, out of range or malformed. */
export class InvalidParameterException extends AwsError {
  constructor(message: string) {
    super('InvalidParameterException', message);
    this.name = 'InvalidParameterException';
  }
}

/** CloudWatch Logs' error for a request the service failed on: here, a bug of the local service. */
export class ServiceUnavailableException extends AwsError {
  constructor(message: string) {
    super('ServiceUnavailableException', message, { httpStatus: 500 });
    this.name = 'ServiceUnavailableException';
  }
}

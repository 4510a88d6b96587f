import { AwsError } from '../protocol';

/** The CloudWatch error codes the local API answers with, and their HTTP status. */
const ERROR_STATUS = {
  InvalidParameterValue: 400,
  MissingParameter: 400,
  InvalidParameterCombination: 400,
  InvalidAction: 400,
  ResourceNotFound: 404,
} as const;

export type CloudWatchErrorCode = keyof typeof ERROR_STATUS;

/** An error CloudWatch would answer a request with; the protocol layer writes it in Query or AWS JSON. */
export class CloudWatchError extends AwsError {
  declare readonly code: CloudWatchErrorCode;

  constructor(code: CloudWatchErrorCode, message: string) {
    super(code, message, { httpStatus: ERROR_STATUS[code] });
    this.name = 'CloudWatchError';
  }
}

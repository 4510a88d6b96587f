/** The CloudWatch error codes the local API answers with, and their HTTP status. */
const ERROR_STATUS = {
  InvalidParameterValue: 400,
  MissingParameter: 400,
  InvalidParameterCombination: 400,
  InvalidAction: 400,
  ResourceNotFound: 404,
} as const;

export type CloudWatchErrorCode = keyof typeof ERROR_STATUS;

/** An error CloudWatch would answer a request with; the API turns it into a Query `ErrorResponse`. */
export class CloudWatchError extends Error {
  public readonly status: number;

  constructor(
    public readonly code: CloudWatchErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CloudWatchError';
    this.status = ERROR_STATUS[code];
  }
}

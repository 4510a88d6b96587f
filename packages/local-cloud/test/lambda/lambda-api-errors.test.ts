import { LambdaApiError, LambdaOperations, type LambdaService, toLambdaApiError } from '../../src/lambda';
import { ResourceNotFoundException, TooManyRequestsException } from '../../src/lambda/errors';
import { LogsService } from '../../src/logs';
import { AwsError } from '../../src/protocol';

describe("the Lambda API's errors", () => {
  test.each([
    [new ResourceNotFoundException('Missing'), 'ResourceNotFoundException', 404, true],
    [new TooManyRequestsException('f', 3), 'TooManyRequestsException', 429, true],
    [new Error('a bug'), 'ServiceException', 500, false],
    ['not even an error', 'ServiceException', 500, false],
  ])('%s answers %s (%i)', (thrown, code, httpStatus, senderFault) => {
    const error = toLambdaApiError(thrown);

    expect(error).toBeInstanceOf(AwsError);
    expect(error).toMatchObject({ code, httpStatus, senderFault });
  });

  test('an AwsError is answered as it is', () => {
    const error = new LambdaApiError(
      'InvalidRequestContentException',
      'Could not parse request body into json',
    );

    expect(toLambdaApiError(error)).toBe(error);
  });

  test('the event source mapping operations are UnknownOperationException where no mappings are served', () => {
    const operations = new LambdaOperations({ lambda: {} as LambdaService, logs: new LogsService() });

    expect(() => operations.getEventSourceMapping({ UUID: 'u' })).toThrow(
      expect.objectContaining({ code: 'UnknownOperationException', httpStatus: 404 }),
    );
  });
});

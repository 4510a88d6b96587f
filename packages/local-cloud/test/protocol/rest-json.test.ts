import { AwsError } from '../../src/protocol/aws-error';
import { restJsonErrorReply, restJsonResultReply } from '../../src/protocol/rest-json';

describe('REST-JSON replies (Lambda)', () => {
  it('writes a caller error as Type User with its code in X-Amzn-ErrorType', () => {
    const error = new AwsError('ResourceNotFoundException', 'Function not found: f', { httpStatus: 404 });

    expect(restJsonErrorReply(error, { requestId: 'r-1' })).toStrictEqual({
      status: 404,
      headers: {
        'content-type': 'application/json',
        'x-amzn-errortype': 'ResourceNotFoundException',
        'x-amzn-requestid': 'r-1',
      },
      body: '{"Type":"User","message":"Function not found: f"}',
    });
  });

  it("writes the service's own error as Type Service", () => {
    const error = new AwsError('ServiceException', 'broken', { httpStatus: 500 });

    expect(JSON.parse(restJsonErrorReply(error).body)).toStrictEqual({ Type: 'Service', message: 'broken' });
  });

  it('writes a result with the status the operation defines, and none as an empty body', () => {
    expect(restJsonResultReply(201, { FunctionName: 'f' }, { requestId: 'r-2' })).toStrictEqual({
      status: 201,
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': 'r-2' },
      body: '{"FunctionName":"f"}',
    });
    expect(restJsonResultReply(204, undefined).body).toBe('');
  });
});

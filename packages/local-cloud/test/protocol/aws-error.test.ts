import { AwsError, reportBug, toAwsError } from '../../src/protocol/aws-error';

describe('AwsError', () => {
  it('is a 400 sender fault whose Query code is its code by default', () => {
    const error = new AwsError('InvalidParameterValue', 'bad value');

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AwsError');
    expect(error.message).toBe('bad value');
    expect({
      code: error.code,
      httpStatus: error.httpStatus,
      senderFault: error.senderFault,
      queryCode: error.queryCode,
      faultType: error.faultType,
    }).toStrictEqual({
      code: 'InvalidParameterValue',
      httpStatus: 400,
      senderFault: true,
      queryCode: 'InvalidParameterValue',
      faultType: 'Sender',
    });
  });

  it('is the receiver fault for a status from 500 on, unless told otherwise', () => {
    expect(new AwsError('InternalError', 'x', { httpStatus: 500 }).faultType).toBe('Receiver');
    expect(new AwsError('Throttled', 'x', { httpStatus: 503, senderFault: true }).faultType).toBe('Sender');
  });

  it('carries a legacy Query code apart from its JSON code', () => {
    const error = new AwsError('QueueDoesNotExist', 'x', {
      queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
    });

    expect(error.code).toBe('QueueDoesNotExist');
    expect(error.queryCode).toBe('AWS.SimpleQueueService.NonExistentQueue');
  });

  it('fails if the status is not an error status', () => {
    expect(() => new AwsError('Ok', 'x', { httpStatus: 200 })).toThrow(
      /httpStatus of an AWS error must be between 400 and 599 \(given 200\)/,
    );
  });

  it('is subclassed by services, which keep their own name', () => {
    class QueueError extends AwsError {
      constructor(message: string) {
        super('QueueDoesNotExist', message);
        this.name = 'QueueError';
      }
    }

    const error = new QueueError('gone');

    expect(error).toBeInstanceOf(AwsError);
    expect(error.name).toBe('QueueError');
    expect(toAwsError(error)).toBe(error);
  });
});

describe('toAwsError', () => {
  it('gives an AwsError back as it is, telling nobody', () => {
    const error = new AwsError('NotFound', 'x', { httpStatus: 404 });
    const onUnexpected = jest.fn();

    expect(toAwsError(error, { onUnexpected })).toBe(error);
    expect(onUnexpected).not.toHaveBeenCalled();
  });

  it('answers anything else as a 500 InternalError, after telling onUnexpected', () => {
    const bug = new TypeError('undefined is not a function');
    const onUnexpected = jest.fn();

    const error = toAwsError(bug, { onUnexpected });

    expect(onUnexpected).toHaveBeenCalledWith(bug);
    expect(error.code).toBe('InternalError');
    expect(error.httpStatus).toBe(500);
    expect(error.senderFault).toBe(false);
  });

  it("answers with the service's own internal error when given one", () => {
    const internalError = new AwsError('ServiceException', 'the local Lambda failed', { httpStatus: 500 });

    expect(toAwsError('thrown string', { internalError })).toBe(internalError);
  });
});

describe('reportBug', () => {
  it('writes the service, the operation and the stack to stderr', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      reportBug('local SQS', 'ReceiveMessage')(new Error('boom'));
      reportBug('local SNS', '')('plain');

      expect(write.mock.calls[0][0]).toMatch(/^local SQS: ReceiveMessage failed: Error: boom\n {4}at /);
      expect(write.mock.calls[1][0]).toBe('local SNS: request failed: plain\n');
    } finally {
      write.mockRestore();
    }
  });
});

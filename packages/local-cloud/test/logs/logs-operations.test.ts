import { ManualClock } from '../../src/clock';
import { InvalidParameterException, LogsOperations, LogsService } from '../../src/logs';

const NOW = Date.UTC(2026, 0, 1);
const GROUP = '/aws/lambda/OrderPipeline-ProcessOrders';
const STREAM = '2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef';

function operationsWithStream(): LogsOperations {
  const operations = new LogsOperations(new LogsService({ clock: new ManualClock(NOW) }));
  operations.createLogGroup({ logGroupName: GROUP });
  operations.createLogStream({ logGroupName: GROUP, logStreamName: STREAM });
  return operations;
}

describe('LogsOperations', () => {
  test('putLogEvents stores the batch and answers the next sequence token', () => {
    const operations = operationsWithStream();

    const result = operations.putLogEvents({
      logGroupName: GROUP,
      logStreamName: STREAM,
      logEvents: [
        { timestamp: NOW, message: 'one' },
        { timestamp: NOW + 1, message: 'two' },
      ],
    });

    expect(result).toStrictEqual({ nextSequenceToken: '2'.padStart(56, '0') });
    expect(
      operations.getLogEvents({ logGroupName: GROUP, logStreamName: STREAM, startFromHead: true }).events,
    ).toStrictEqual([
      { timestamp: NOW, message: 'one', ingestionTime: NOW },
      { timestamp: NOW + 1, message: 'two', ingestionTime: NOW },
    ]);
  });

  test('filterLogEvents finds the group by its ARN and keeps the events the pattern matches', () => {
    const operations = operationsWithStream();
    operations.putLogEvents({
      logGroupName: GROUP,
      logStreamName: STREAM,
      logEvents: [
        { timestamp: NOW, message: 'ERROR one' },
        { timestamp: NOW, message: 'INFO two' },
      ],
    });

    const { events } = operations.filterLogEvents({
      logGroupIdentifier: `arn:aws:logs:us-east-1:000000000000:log-group:${GROUP}:*`,
      filterPattern: 'ERROR',
    });

    expect(events?.map((event) => event.message)).toStrictEqual(['ERROR one']);
  });

  test.each([
    [{ logGroupName: 'a:b' }, /logGroupName must be 1 to 512 of the characters/],
    [{ logGroupName: 7 }, /logGroupName must be a string \(given 7\)/],
    [{}, /logGroupName is required/],
  ])('createLogGroup(%j) fails with InvalidParameterException', (request, message) => {
    const operations = new LogsOperations(new LogsService());

    expect(() => operations.createLogGroup(request)).toThrow(InvalidParameterException);
    expect(() => operations.createLogGroup(request)).toThrow(message);
  });

  test('describeLogGroups refuses a prefix with a pattern, and a limit over 50', () => {
    const operations = operationsWithStream();

    expect(() =>
      operations.describeLogGroups({ logGroupNamePrefix: '/a', logGroupNamePattern: 'b' }),
    ).toThrow('give either logGroupNamePrefix or logGroupNamePattern, not both');
    expect(() => operations.describeLogGroups({ limit: 51 })).toThrow(
      'limit must be between 1 and 50 (given 51)',
    );
    expect(operations.describeLogGroups({ logGroupNamePattern: 'PROCESS' }).logGroups).toMatchObject([
      { logGroupName: GROUP, logGroupArn: `arn:aws:logs:us-east-1:000000000000:log-group:${GROUP}` },
    ]);
  });
});

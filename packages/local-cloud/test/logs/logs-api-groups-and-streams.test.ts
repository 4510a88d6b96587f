import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { failure, GROUP, NOW, STREAM_A, STREAM_B, seededLogsApi } from './logs-api-fixture';

// DescribeLogStreams, DescribeLogGroups and the log group operations, over a seeded group.
describe('logsApi through the AWS SDK', () => {
  const { clock, logs, client } = seededLogsApi();

  describe('DescribeLogStreams and DescribeLogGroups', () => {
    test('orders streams by name, or by last event time descending, in pages', async () => {
      clock.advance(1_000);
      logs.putLogEvents(GROUP, STREAM_A, ['the newest event']);
      const byName = await client.send(new DescribeLogStreamsCommand({ logGroupName: GROUP }));
      const newestFirst = await client.send(
        new DescribeLogStreamsCommand({
          logGroupName: GROUP,
          orderBy: 'LastEventTime',
          descending: true,
          limit: 1,
        }),
      );
      const next = await client.send(
        new DescribeLogStreamsCommand({
          logGroupName: GROUP,
          orderBy: 'LastEventTime',
          descending: true,
          limit: 1,
          nextToken: newestFirst.nextToken,
        }),
      );

      expect(byName.logStreams?.map((stream) => stream.logStreamName)).toStrictEqual([STREAM_A, STREAM_B]);
      expect(byName.logStreams?.[0]).toMatchObject({
        creationTime: NOW,
        firstEventTimestamp: NOW,
        arn: `arn:aws:logs:us-east-1:000000000000:log-group:${GROUP}:log-stream:${STREAM_A}`,
      });
      expect([newestFirst.logStreams?.[0].logStreamName, next.logStreams?.[0].logStreamName]).toStrictEqual([
        STREAM_A,
        STREAM_B,
      ]);
      expect(next.nextToken).toBeUndefined();
    });

    test('refuses ordering by last event time with a prefix, as CloudWatch Logs does', async () => {
      const error = await failure(
        client.send(
          new DescribeLogStreamsCommand({
            logGroupName: GROUP,
            orderBy: 'LastEventTime',
            logStreamNamePrefix: '2026',
          }),
        ),
      );

      expect(error.name).toBe('InvalidParameterException');
    });

    test('creates, describes in pages, sets retention on, and deletes log groups', async () => {
      await client.send(new CreateLogGroupCommand({ logGroupName: '/custom/a' }));
      await client.send(new CreateLogGroupCommand({ logGroupName: '/custom/b' }));
      await client.send(new PutRetentionPolicyCommand({ logGroupName: '/custom/a', retentionInDays: 7 }));
      const first = await client.send(
        new DescribeLogGroupsCommand({ logGroupNamePrefix: '/custom/', limit: 1 }),
      );
      const second = await client.send(
        new DescribeLogGroupsCommand({
          logGroupNamePrefix: '/custom/',
          limit: 1,
          nextToken: first.nextToken,
        }),
      );
      const duplicate = await failure(client.send(new CreateLogGroupCommand({ logGroupName: '/custom/a' })));
      const badRetention = await failure(
        client.send(new PutRetentionPolicyCommand({ logGroupName: '/custom/a', retentionInDays: 2 })),
      );
      await client.send(new DeleteLogGroupCommand({ logGroupName: '/custom/a' }));
      await client.send(new DeleteLogGroupCommand({ logGroupName: '/custom/b' }));
      const gone = await failure(client.send(new DeleteLogGroupCommand({ logGroupName: '/custom/a' })));

      expect(first.logGroups).toStrictEqual([
        {
          logGroupName: '/custom/a',
          creationTime: clock.now(),
          retentionInDays: 7,
          metricFilterCount: 0,
          arn: 'arn:aws:logs:us-east-1:000000000000:log-group:/custom/a:*',
          storedBytes: 0,
          logGroupClass: 'STANDARD',
          logGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:/custom/a',
        },
      ]);
      expect(second.logGroups?.map((group) => group.logGroupName)).toStrictEqual(['/custom/b']);
      expect(second.nextToken).toBeUndefined();
      expect(duplicate.name).toBe('ResourceAlreadyExistsException');
      expect(badRetention).toMatchObject({ name: 'InvalidParameterException', message: /one of 1, 3, 5, 7/ });
      expect(gone.name).toBe('ResourceNotFoundException');
    });
  });
});

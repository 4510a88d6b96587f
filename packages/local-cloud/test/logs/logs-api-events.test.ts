import {
  CreateLogStreamCommand,
  type FilteredLogEvent,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  type OutputLogEvent,
  PutLogEventsCommand,
  paginateFilterLogEvents,
  paginateGetLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import { failure, GROUP, NOW, powertools, STREAM_A, STREAM_B, seededLogsApi } from './logs-api-fixture';

// FilterLogEvents, GetLogEvents and PutLogEvents share one seeded group, so a test also sees the events
// that the tests before it added.
describe('logsApi through the AWS SDK', () => {
  const { clock, logs, client } = seededLogsApi();

  describe('FilterLogEvents', () => {
    test("interleaves the group's streams by time, with each event's stream and a unique id", async () => {
      const { events, nextToken } = await client.send(new FilterLogEventsCommand({ logGroupName: GROUP }));

      expect(
        events?.map((event) => [event.logStreamName, event.timestamp, event.message?.slice(0, 5)]),
      ).toStrictEqual([
        [STREAM_A, NOW, 'START'],
        [STREAM_B, NOW + 10, 'START'],
        [STREAM_B, NOW + 10, '{"lev'],
        [STREAM_A, NOW + 20, '{"lev'],
        [STREAM_A, NOW + 20, 'REPOR'],
      ]);
      expect(new Set(events?.map((event) => event.eventId)).size).toBe(5);
      expect(events?.every((event) => /^\d{56}$/.test(event.eventId ?? ''))).toBe(true);
      expect(nextToken).toBeUndefined();
    });

    test('matches JSON patterns on Powertools lines and terms on plain lines', async () => {
      const messages = async (filterPattern: string) =>
        (await client.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern }))).events?.map(
          (event) => event.message,
        );

      expect(await messages('{ $.level = "ERROR" }')).toStrictEqual([
        powertools('ERROR', 'order rejected', { orderId: 'o-1', reason: 'not JSON', attempt: 1 }),
      ]);
      expect(await messages('{ $.attempt > 1 && $.orderId = o-* }')).toStrictEqual([
        powertools('INFO', 'order stored', { orderId: 'o-2', attempt: 2 }),
      ]);
      expect(await messages('?REPORT ?"RequestId: b"')).toStrictEqual([
        'START RequestId: b Version: $LATEST',
        'REPORT RequestId: a Duration: 3.00 ms',
      ]);
      expect(await messages('RequestId -START')).toStrictEqual(['REPORT RequestId: a Duration: 3.00 ms']);
    });

    test('limits by time (both ends included), stream names and stream name prefix', async () => {
      const timestamps = async (input: Record<string, unknown>) =>
        (await client.send(new FilterLogEventsCommand({ logGroupName: GROUP, ...input }))).events?.map(
          (event) => `${event.logStreamName?.slice(-32, -24)} ${(event.timestamp ?? 0) - NOW}`,
        );

      expect(await timestamps({ startTime: NOW + 10, endTime: NOW + 10 })).toStrictEqual([
        'bbbbbbbb 10',
        'bbbbbbbb 10',
      ]);
      expect(await timestamps({ logStreamNames: [STREAM_A] })).toStrictEqual([
        'aaaaaaaa 0',
        'aaaaaaaa 20',
        'aaaaaaaa 20',
      ]);
      expect(await timestamps({ logStreamNamePrefix: '2026/01/01/[$LATEST]b' })).toStrictEqual([
        'bbbbbbbb 10',
        'bbbbbbbb 10',
      ]);
    });

    test('pages with limit and nextToken, every event once, the last page without a token', async () => {
      const pages: FilteredLogEvent[][] = [];
      const tokens: (string | undefined)[] = [];
      for await (const page of paginateFilterLogEvents({ client }, { logGroupName: GROUP, limit: 2 })) {
        pages.push(page.events ?? []);
        tokens.push(page.nextToken);
      }

      expect(pages.map((page) => page.length)).toStrictEqual([2, 2, 1]);
      expect(tokens.map((token) => token !== undefined)).toStrictEqual([true, true, false]);
      const all = (await client.send(new FilterLogEventsCommand({ logGroupName: GROUP }))).events;
      expect(pages.flat()).toStrictEqual(all);
    });

    test('a follower polling from the newest timestamp sees the same ids again and new events once', async () => {
      const first = await client.send(
        new FilterLogEventsCommand({ logGroupName: GROUP, startTime: NOW + 20 }),
      );
      clock.advance(5);
      logs.putLogEvents(GROUP, STREAM_B, ['late line']);
      const second = await client.send(
        new FilterLogEventsCommand({ logGroupName: GROUP, startTime: NOW + 20 }),
      );

      const seen = new Set(first.events?.map((event) => event.eventId));
      const fresh = second.events?.filter((event) => !seen.has(event.eventId));
      expect(second.events?.slice(0, 2)).toStrictEqual(first.events);
      expect(fresh?.map((event) => event.message)).toStrictEqual(['late line']);
    });

    test('refuses an invalid filter pattern with InvalidParameterException naming the problem', async () => {
      const error = await failure(
        client.send(
          new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '{ $.attempt > many }' }),
        ),
      );

      expect(error).toStrictEqual({
        name: 'InvalidParameterException',
        message: 'Invalid filter pattern "{ $.attempt > many }": "$.attempt >" needs a number',
      });
    });

    test('finds the group by logGroupIdentifier, a name or an ARN', async () => {
      const arn = `arn:aws:logs:us-east-1:000000000000:log-group:${GROUP}`;
      const byArn = await client.send(
        new FilterLogEventsCommand({ logGroupIdentifier: arn, filterPattern: 'REPORT' }),
      );

      expect(byArn.events?.map((event) => event.message)).toStrictEqual([
        'REPORT RequestId: a Duration: 3.00 ms',
      ]);
    });
  });

  describe('GetLogEvents', () => {
    const messages = (events: OutputLogEvent[] | undefined) =>
      events?.map((event) => event.message?.slice(0, 6));

    test('without a token gives the newest events; startFromHead the oldest', async () => {
      const newest = await client.send(
        new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: STREAM_A, limit: 2 }),
      );
      const oldest = await client.send(
        new GetLogEventsCommand({
          logGroupName: GROUP,
          logStreamName: STREAM_A,
          limit: 2,
          startFromHead: true,
        }),
      );

      expect(messages(newest.events)).toStrictEqual(['{"leve', 'REPORT']);
      expect(messages(oldest.events)).toStrictEqual(['START ', '{"leve']);
      expect(oldest.events?.[0]).toStrictEqual({
        timestamp: NOW,
        message: 'START RequestId: a Version: $LATEST',
        ingestionTime: NOW,
      });
    });

    test('pages forward and backward, and returns the same token at either end', async () => {
      const head = await client.send(
        new GetLogEventsCommand({
          logGroupName: GROUP,
          logStreamName: STREAM_A,
          limit: 2,
          startFromHead: true,
        }),
      );
      const rest = await client.send(
        new GetLogEventsCommand({
          logGroupName: GROUP,
          logStreamName: STREAM_A,
          nextToken: head.nextForwardToken,
        }),
      );
      const end = await client.send(
        new GetLogEventsCommand({
          logGroupName: GROUP,
          logStreamName: STREAM_A,
          nextToken: rest.nextForwardToken,
        }),
      );
      const back = await client.send(
        new GetLogEventsCommand({
          logGroupName: GROUP,
          logStreamName: STREAM_A,
          nextToken: rest.nextBackwardToken,
        }),
      );
      const before = await client.send(
        new GetLogEventsCommand({
          logGroupName: GROUP,
          logStreamName: STREAM_A,
          nextToken: head.nextBackwardToken,
        }),
      );

      expect(messages(rest.events)).toStrictEqual(['REPORT']);
      expect(end.events).toStrictEqual([]);
      expect(end.nextForwardToken).toBe(rest.nextForwardToken);
      expect(messages(back.events)).toStrictEqual(['START ', '{"leve']);
      expect(before.events).toStrictEqual([]);
      expect(before.nextBackwardToken).toBe(head.nextBackwardToken);
      expect(rest.nextForwardToken).toMatch(/^f\/\d{56}\/s$/);
    });

    test('a reader that follows nextForwardToken stops at the end and picks up what comes after', async () => {
      const read = async (nextToken?: string) => {
        const found: string[] = [];
        let token = nextToken;
        // As against CloudWatch Logs, the paginator stops only when told to stop on a repeated token.
        for await (const page of paginateGetLogEvents(
          { client, stopOnSameToken: true },
          { logGroupName: GROUP, logStreamName: STREAM_A, startFromHead: true, nextToken: token },
        )) {
          found.push(...(page.events ?? []).map((event) => event.message ?? ''));
          token = page.nextForwardToken;
        }
        return { found, token };
      };

      const first = await read();
      logs.putLogEvents(GROUP, STREAM_A, ['appended']);
      const second = await read(first.token);

      expect(first.found).toHaveLength(3);
      expect(second.found).toStrictEqual(['appended']);
    });

    test('limits by time, the end excluded', async () => {
      const { events } = await client.send(
        new GetLogEventsCommand({
          logGroupName: GROUP,
          logStreamName: STREAM_A,
          startTime: NOW,
          endTime: NOW + 20,
          startFromHead: true,
        }),
      );

      expect(messages(events)).toStrictEqual(['START ']);
    });

    test('refuses a token it did not give', async () => {
      const error = await failure(
        client.send(
          new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: STREAM_A, nextToken: 'x' }),
        ),
      );

      expect(error).toStrictEqual({
        name: 'InvalidParameterException',
        message: 'The specified nextToken is invalid.',
      });
    });
  });

  describe('PutLogEvents', () => {
    test('stores a batch in a new stream and reports events too new to keep', async () => {
      await client.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: 'tooling' }));
      const result = await client.send(
        new PutLogEventsCommand({
          logGroupName: GROUP,
          logStreamName: 'tooling',
          logEvents: [
            { timestamp: clock.now() - 1000, message: powertools('WARN', 'from my tool') },
            { timestamp: clock.now() + 3 * 60 * 60 * 1000, message: 'from the future' },
          ],
        }),
      );
      const { events } = await client.send(
        new FilterLogEventsCommand({
          logGroupName: GROUP,
          logStreamNames: ['tooling'],
          filterPattern: '{ $.level = WARN }',
        }),
      );

      expect(result.rejectedLogEventsInfo).toStrictEqual({ tooNewLogEventStartIndex: 1 });
      expect(events?.map((event) => event.message)).toStrictEqual([powertools('WARN', 'from my tool')]);
    });

    test('refuses a batch out of chronological order, and a stream that does not exist', async () => {
      const outOfOrder = await failure(
        client.send(
          new PutLogEventsCommand({
            logGroupName: GROUP,
            logStreamName: STREAM_A,
            logEvents: [
              { timestamp: clock.now(), message: 'b' },
              { timestamp: clock.now() - 1, message: 'a' },
            ],
          }),
        ),
      );
      const missing = await failure(
        client.send(
          new PutLogEventsCommand({
            logGroupName: GROUP,
            logStreamName: 'missing',
            logEvents: [{ timestamp: clock.now(), message: 'a' }],
          }),
        ),
      );

      expect(outOfOrder).toStrictEqual({
        name: 'InvalidParameterException',
        message: 'Log events in a single PutLogEvents request must be in chronological order.',
      });
      expect(missing.name).toBe('ResourceNotFoundException');
    });
  });
});

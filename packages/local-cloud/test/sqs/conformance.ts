import {
  CancelMessageMoveTaskCommand,
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  type CreateQueueCommandInput,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  type Message,
  PurgeQueueCommand,
  type QueueAttributeName,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
  TagQueueCommand,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import { ManualClock } from '../../src/clock';
import { md5OfBody, md5OfMessageAttributes } from '../../src/sqs/md5';
import { type SqsServer, startSqsServer } from '../../src/sqs/server';
import { errorOf, eventually, type SdkProtocol, sqsClient, timed } from './support';

/**
 * The conformance suite: every operation and rule of the local SQS endpoint, through the real SDK.
 * The server runs on a manual clock, so visibility timeouts, delays and retention are driven by
 * `clock.advance` instead of sleeping.
 */
export function describeSqsConformance(protocol: SdkProtocol): void {
  describe(`local SQS through @aws-sdk/client-sqs (${protocol === 'json' ? 'AWS JSON 1.0' : 'Query protocol'})`, () => {
    let server: SqsServer;
    let sqs: SQSClient;
    const clock = new ManualClock();
    let queueCounter = 0;

    beforeAll(async () => {
      server = await startSqsServer({ port: 0, clock });
      sqs = sqsClient(server.endpoint, protocol);
    });

    afterAll(async () => {
      sqs?.destroy();
      await server?.close();
    });

    async function createQueue(attributes: Record<string, string> = {}, suffix = ''): Promise<string> {
      const name = `q${++queueCounter}-${protocol}${suffix}`;
      const { QueueUrl } = await sqs.send(
        new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
      );
      return QueueUrl ?? '';
    }

    async function attributesOf(QueueUrl: string): Promise<Record<string, string>> {
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
      );
      return Attributes ?? {};
    }

    async function counts(QueueUrl: string): Promise<[number, number, number]> {
      const attributes = await attributesOf(QueueUrl);
      return [
        Number(attributes.ApproximateNumberOfMessages),
        Number(attributes.ApproximateNumberOfMessagesNotVisible),
        Number(attributes.ApproximateNumberOfMessagesDelayed),
      ];
    }

    /** Waits (boundedly) until a long poll is parked on the queue, so that what follows wakes it. */
    async function parked(QueueUrl: string): Promise<void> {
      expect(await eventually(() => server.model.pendingReceives(QueueUrl) > 0)).toBe(true);
    }

    async function receive(
      QueueUrl: string,
      extra: Partial<{
        MaxNumberOfMessages: number;
        VisibilityTimeout: number;
        WaitTimeSeconds: number;
      }> = {},
    ): Promise<Message[]> {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl,
          MaxNumberOfMessages: 10,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
          ...extra,
        }),
      );
      return Messages ?? [];
    }

    describe('queues', () => {
      it('creates a queue at <endpoint>/<account>/<name> with an ARN, idempotently for the same attributes', async () => {
        const name = `orders-${protocol}`;
        const first = await sqs.send(
          new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '45' } }),
        );
        const again = await sqs.send(
          new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '45' } }),
        );

        expect(first.QueueUrl).toBe(`${server.endpoint}/000000000000/${name}`);
        expect(again.QueueUrl).toBe(first.QueueUrl);
        const attributes = await attributesOf(first.QueueUrl ?? '');
        expect(attributes.QueueArn).toBe(`arn:aws:sqs:us-east-1:000000000000:${name}`);
        expect(attributes.VisibilityTimeout).toBe('45');
        expect(attributes.MessageRetentionPeriod).toBe('345600');
      });

      it('fails with QueueNameExists (QueueAlreadyExists) for the same name with other attributes', async () => {
        const QueueName = `exists-${protocol}`;
        await sqs.send(new CreateQueueCommand({ QueueName, Attributes: { DelaySeconds: '1' } }));

        const error = await errorOf(
          sqs.send(new CreateQueueCommand({ QueueName, Attributes: { DelaySeconds: '2' } })),
        );

        expect(error.name).toBe('QueueNameExists');
        expect(error.Code).toBe('QueueAlreadyExists');
      });

      it.each([
        ['an invalid name', { QueueName: 'bad name!' }, 'InvalidParameterValue'],
        ['an unknown attribute', { QueueName: 'x', Attributes: { Colour: 'blue' } }, 'InvalidAttributeName'],
        [
          'a visibility timeout over 12 hours',
          { QueueName: 'x', Attributes: { VisibilityTimeout: '43201' } },
          'InvalidAttributeValue',
        ],
        [
          'a maximum message size over 1 MiB',
          { QueueName: 'x', Attributes: { MaximumMessageSize: '1048577' } },
          'InvalidAttributeValue',
        ],
      ] as const)('refuses to create a queue with %s', async (_what, input, code) => {
        const error = await errorOf(sqs.send(new CreateQueueCommand(input as CreateQueueCommandInput)));

        expect(error.name).toBe(code);
      });

      it('gets queue URLs by name and fails with QueueDoesNotExist for unknown names and URLs', async () => {
        const url = await createQueue();
        const name = url.split('/').pop();

        expect((await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl).toBe(url);
        const byName = await errorOf(sqs.send(new GetQueueUrlCommand({ QueueName: 'no-such-queue' })));
        expect(byName.name).toBe('QueueDoesNotExist');
        expect(byName.Code).toBe('AWS.SimpleQueueService.NonExistentQueue');
        const byUrl = await errorOf(
          sqs.send(
            new SendMessageCommand({ QueueUrl: `${server.endpoint}/000000000000/nope`, MessageBody: 'x' }),
          ),
        );
        expect(byUrl.name).toBe('QueueDoesNotExist');
      });

      it('lists queues by prefix, with paging', async () => {
        const prefix = `list-${protocol}-`;
        for (const suffix of ['a', 'b', 'c'])
          await sqs.send(new CreateQueueCommand({ QueueName: `${prefix}${suffix}` }));

        const all = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }));
        const page1 = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 2 }));
        const page2 = await sqs.send(
          new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 2, NextToken: page1.NextToken }),
        );
        const none = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'nothing-has-this-prefix' }));

        expect(all.QueueUrls?.map((url) => url.split('/').pop())).toStrictEqual([
          `${prefix}a`,
          `${prefix}b`,
          `${prefix}c`,
        ]);
        expect(page1.QueueUrls).toHaveLength(2);
        expect(page2.QueueUrls).toStrictEqual([`${server.endpoint}/000000000000/${prefix}c`]);
        expect(page2.NextToken).toBeUndefined();
        expect(none.QueueUrls ?? []).toStrictEqual([]);
      });

      it('deletes a queue, after which it does not exist', async () => {
        const QueueUrl = await createQueue();
        await sqs.send(new DeleteQueueCommand({ QueueUrl }));

        expect(
          (await errorOf(sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }))))
            .name,
        ).toBe('QueueDoesNotExist');
      });

      it('purges every message, and refuses a second purge within 60 seconds', async () => {
        const QueueUrl = await createQueue();
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'one' }));
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'two', DelaySeconds: 5 }));

        await sqs.send(new PurgeQueueCommand({ QueueUrl }));
        const second = await errorOf(sqs.send(new PurgeQueueCommand({ QueueUrl })));
        clock.advance(61_000);
        await sqs.send(new PurgeQueueCommand({ QueueUrl }));

        expect(second.name).toBe('PurgeQueueInProgress');
        expect(await counts(QueueUrl)).toStrictEqual([0, 0, 0]);
      });

      it('reports exact visible, in-flight and delayed counts', async () => {
        const QueueUrl = await createQueue();
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'visible' }));
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'in flight' }));
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'delayed', DelaySeconds: 30 }));
        await receive(QueueUrl, { MaxNumberOfMessages: 1 });

        expect(await counts(QueueUrl)).toStrictEqual([1, 1, 1]);
      });

      it('returns only the attributes asked for, and refuses unknown attribute names', async () => {
        const QueueUrl = await createQueue();
        const { Attributes } = await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['VisibilityTimeout', 'QueueArn'] }),
        );
        const error = await errorOf(
          sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['NoSuchAttribute' as 'All'] })),
        );

        expect(Object.keys(Attributes ?? {}).sort()).toStrictEqual(['QueueArn', 'VisibilityTimeout']);
        expect(error.name).toBe('InvalidAttributeName');
      });

      it('sets attributes, which later receives use', async () => {
        const QueueUrl = await createQueue();
        await sqs.send(
          new SetQueueAttributesCommand({
            QueueUrl,
            Attributes: { VisibilityTimeout: '5', DelaySeconds: '0' },
          }),
        );
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
        await receive(QueueUrl);

        clock.advance(5_001);

        expect((await attributesOf(QueueUrl)).VisibilityTimeout).toBe('5');
        expect(await receive(QueueUrl)).toHaveLength(1);
        expect(
          (
            await errorOf(
              sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { DelaySeconds: '901' } })),
            )
          ).name,
        ).toBe('InvalidAttributeValue');
      });

      it('tags queues at creation and later', async () => {
        const name = `tagged-${protocol}`;
        const { QueueUrl } = await sqs.send(
          new CreateQueueCommand({ QueueName: name, tags: { team: 'orders' } }),
        );
        await sqs.send(new TagQueueCommand({ QueueUrl, Tags: { env: 'local' } }));
        await sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: ['team'] }));

        expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toStrictEqual({ env: 'local' });
      });
    });

    describe('sending and receiving', () => {
      it('returns the MD5s of body and attributes as AWS computes them, and the message intact', async () => {
        const QueueUrl = await createQueue();
        const body = 'tab\t lf\n cr\r emoji \u{1F600} cjk \u4E2D <xml> & "quotes"';
        const MessageAttributes = {
          city: { DataType: 'String', StringValue: 'Any City' },
          count: { DataType: 'Number', StringValue: '1250800' },
          blob: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 2, 255]) },
          custom: { DataType: 'String.json', StringValue: '{"a":1}' },
        };

        const sent = await sqs.send(
          new SendMessageCommand({ QueueUrl, MessageBody: body, MessageAttributes }),
        );
        const [message] = await receive(QueueUrl);

        const wireAttributes = Object.fromEntries(
          Object.entries(MessageAttributes).map(([name, value]) => [
            name,
            'BinaryValue' in value
              ? { DataType: value.DataType, BinaryValue: Buffer.from(value.BinaryValue).toString('base64') }
              : value,
          ]),
        );
        expect(sent.MD5OfMessageBody).toBe(md5OfBody(body));
        expect(sent.MD5OfMessageAttributes).toBe(md5OfMessageAttributes(wireAttributes));
        expect(message.Body).toBe(body);
        expect(message.MD5OfBody).toBe(md5OfBody(body));
        expect(message.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
        expect(message.MessageAttributes?.city).toStrictEqual({
          DataType: 'String',
          StringValue: 'Any City',
        });
        expect(Buffer.from(message.MessageAttributes?.blob.BinaryValue ?? []).toString('hex')).toBe(
          '000102ff',
        );
        expect(message.MessageId).toBe(sent.MessageId);
      });

      it('returns the MD5 of message attributes that AWS returns for the same attributes', async () => {
        const QueueUrl = await createQueue();

        const sent = await sqs.send(
          new SendMessageCommand({
            QueueUrl,
            MessageBody: 'x',
            MessageAttributes: {
              attribName1: { DataType: 'String', StringValue: 'attribValue 1' },
              binaryAttribute: { DataType: 'Binary', BinaryValue: Buffer.from('Hello binary world!') },
            },
          }),
        );
        const [message] = await receive(QueueUrl);

        expect(sent.MD5OfMessageAttributes).toBe('7ff2266dfcd29f327c6e98acaf4b559c');
        expect(message.MD5OfMessageAttributes).toBe('7ff2266dfcd29f327c6e98acaf4b559c');
      });

      it('returns system attributes by either parameter, and message attributes by name or prefix', async () => {
        const QueueUrl = await createQueue();
        await sqs.send(
          new SendMessageCommand({
            QueueUrl,
            MessageBody: 'x',
            MessageAttributes: {
              'a.one': { DataType: 'String', StringValue: '1' },
              b: { DataType: 'String', StringValue: '2' },
            },
            MessageSystemAttributes: {
              AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-5759e988-bd862e3fe1be46a994272793' },
            },
          }),
        );

        const sentAt = clock.now();
        const { Messages } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl,
            // The deprecated parameter is typed as queue attribute names, yet SQS takes message ones.
            AttributeNames: ['SentTimestamp' as QueueAttributeName],
            MessageAttributeNames: ['a.*'],
            VisibilityTimeout: 0,
          }),
        );
        const [all] = await receive(QueueUrl, { VisibilityTimeout: 0 });

        expect(Messages?.[0].Attributes).toStrictEqual({ SentTimestamp: String(sentAt) });
        expect(Object.keys(Messages?.[0].MessageAttributes ?? {})).toStrictEqual(['a.one']);
        expect(Messages?.[0].MD5OfMessageAttributes).toBe(
          md5OfMessageAttributes({ 'a.one': { DataType: 'String', StringValue: '1' } }),
        );
        expect(all.Attributes).toStrictEqual({
          SenderId: 'test',
          SentTimestamp: String(sentAt),
          ApproximateReceiveCount: '2',
          ApproximateFirstReceiveTimestamp: String(sentAt),
          AWSTraceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793',
        });
      });

      it('gives a new receipt handle per receive and counts receives from the first receive', async () => {
        const QueueUrl = await createQueue({ VisibilityTimeout: '10' });
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'again' }));
        const firstReceiveAt = clock.now();

        const [first] = await receive(QueueUrl);
        clock.advance(10_000);
        const [second] = await receive(QueueUrl);

        expect(second.ReceiptHandle).not.toBe(first.ReceiptHandle);
        expect(first.Attributes?.ApproximateReceiveCount).toBe('1');
        expect(second.Attributes?.ApproximateReceiveCount).toBe('2');
        expect(second.Attributes?.ApproximateFirstReceiveTimestamp).toBe(String(firstReceiveAt));
      });

      it('hides a received message for its visibility timeout, per receive or per queue', async () => {
        const QueueUrl = await createQueue({ VisibilityTimeout: '30' });
        await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl,
            Entries: [
              { Id: 'a', MessageBody: 'a' },
              { Id: 'b', MessageBody: 'b' },
            ],
          }),
        );

        await receive(QueueUrl, { MaxNumberOfMessages: 1 });
        await receive(QueueUrl, { MaxNumberOfMessages: 1, VisibilityTimeout: 5 });
        const hidden = await receive(QueueUrl);
        clock.advance(5_000);
        const afterShort = await receive(QueueUrl, { VisibilityTimeout: 60 });
        clock.advance(25_000);
        const afterQueueTimeout = await receive(QueueUrl);

        expect(hidden).toHaveLength(0);
        expect(afterShort.map((message) => message.Body)).toStrictEqual(['b']);
        expect(afterQueueTimeout.map((message) => message.Body)).toStrictEqual(['a']);
      });

      it('changes visibility: 0 makes a message receivable now; a message not in flight is refused', async () => {
        const QueueUrl = await createQueue();
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
        const [message] = await receive(QueueUrl);

        await sqs.send(
          new ChangeMessageVisibilityCommand({
            QueueUrl,
            ReceiptHandle: message.ReceiptHandle,
            VisibilityTimeout: 0,
          }),
        );
        const [again] = await receive(QueueUrl, { VisibilityTimeout: 0 });
        clock.advance(1);
        const notInFlight = await errorOf(
          sqs.send(
            new ChangeMessageVisibilityCommand({
              QueueUrl,
              ReceiptHandle: again.ReceiptHandle,
              VisibilityTimeout: 10,
            }),
          ),
        );
        const outOfRange = await errorOf(
          sqs.send(
            new ChangeMessageVisibilityCommand({
              QueueUrl,
              ReceiptHandle: again.ReceiptHandle,
              VisibilityTimeout: 43_201,
            }),
          ),
        );

        expect(again.MessageId).toBe(message.MessageId);
        expect(notInFlight.name).toBe('MessageNotInflight');
        expect(outOfRange.name).toBe('InvalidParameterValue');
      });

      it('deletes with the latest receipt handle only, and refuses malformed handles', async () => {
        const QueueUrl = await createQueue({ VisibilityTimeout: '1' });
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
        const [first] = await receive(QueueUrl);
        clock.advance(1_000);
        const [second] = await receive(QueueUrl);

        await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.ReceiptHandle }));
        const stillThere = await counts(QueueUrl);
        await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: second.ReceiptHandle }));
        await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: second.ReceiptHandle }));
        const invalid = await errorOf(
          sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: 'not-a-handle' })),
        );
        clock.advance(1_000);

        expect(stillThere).toStrictEqual([0, 1, 0]);
        expect(await counts(QueueUrl)).toStrictEqual([0, 0, 0]);
        expect(invalid.name).toBe('ReceiptHandleIsInvalid');
      });

      it('refuses bodies that are empty, too large or hold characters SQS does not allow', async () => {
        const QueueUrl = await createQueue({ MaximumMessageSize: '1024' });

        const empty = await errorOf(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '' })));
        const large = await errorOf(
          sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1025) })),
        );
        const control = await errorOf(
          sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'bell \u0007' })),
        );
        const surrogate = await errorOf(
          sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'noncharacter \uFFFE' })),
        );
        const fits = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1024) }));

        expect(empty.name).toBe('MissingParameter');
        expect(large.name).toBe('InvalidParameterValue');
        expect(control.name).toBe('InvalidMessageContents');
        expect(surrogate.name).toBe('InvalidMessageContents');
        expect(fits.MessageId).toBeDefined();
      });

      it('accepts a 1 MiB body on a default queue and refuses one byte more', async () => {
        const QueueUrl = await createQueue();
        const limit = 1024 * 1024;

        const fits = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'y'.repeat(limit) }));
        const over = await errorOf(
          sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'y'.repeat(limit + 1) })),
        );
        const [message] = await receive(QueueUrl);

        expect(fits.MD5OfMessageBody).toBe(md5OfBody('y'.repeat(limit)));
        expect(over.name).toBe('InvalidParameterValue');
        expect(message.Body).toHaveLength(limit);
      });

      it('refuses invalid message attributes', async () => {
        const QueueUrl = await createQueue();
        const send = (MessageAttributes: Record<string, { DataType: string; StringValue?: string }>) =>
          errorOf(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageAttributes })));

        expect((await send({ 'AWS.reserved': { DataType: 'String', StringValue: 'x' } })).name).toBe(
          'InvalidParameterValue',
        );
        expect((await send({ n: { DataType: 'Number', StringValue: 'not a number' } })).name).toBe(
          'InvalidParameterValue',
        );
        expect((await send({ n: { DataType: 'Date', StringValue: 'x' } })).name).toBe(
          'InvalidParameterValue',
        );
        expect((await send({ n: { DataType: 'String' } })).name).toBe('InvalidParameterValue');
        const eleven = Object.fromEntries(
          Array.from({ length: 11 }, (_, index) => [`a${index}`, { DataType: 'String', StringValue: 'x' }]),
        );
        expect((await send(eleven)).name).toBe('InvalidParameterValue');
      });

      it('validates ReceiveMessage parameters', async () => {
        const QueueUrl = await createQueue();

        expect((await errorOf(receive(QueueUrl, { MaxNumberOfMessages: 11 }))).name).toBe(
          'InvalidParameterValue',
        );
        expect((await errorOf(receive(QueueUrl, { MaxNumberOfMessages: 0 }))).name).toBe(
          'InvalidParameterValue',
        );
        expect((await errorOf(receive(QueueUrl, { WaitTimeSeconds: 21 }))).name).toBe(
          'InvalidParameterValue',
        );
        expect((await errorOf(receive(QueueUrl, { VisibilityTimeout: -1 }))).name).toBe(
          'InvalidParameterValue',
        );
      });

      it('delays messages per message and per queue', async () => {
        const QueueUrl = await createQueue({ DelaySeconds: '20' });
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'queue delay' }));
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'own delay', DelaySeconds: 5 }));
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'no delay', DelaySeconds: 0 }));

        const now = await receive(QueueUrl, { VisibilityTimeout: 300 });
        clock.advance(5_000);
        const after5 = await receive(QueueUrl, { VisibilityTimeout: 300 });
        const delayedCounts = await counts(QueueUrl);
        clock.advance(15_000);
        const after20 = await receive(QueueUrl, { VisibilityTimeout: 300 });

        expect(now.map((message) => message.Body)).toStrictEqual(['no delay']);
        expect(after5.map((message) => message.Body)).toStrictEqual(['own delay']);
        expect(delayedCounts).toStrictEqual([0, 2, 1]);
        expect(after20.map((message) => message.Body)).toStrictEqual(['queue delay']);
        expect(
          (await errorOf(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', DelaySeconds: 901 }))))
            .name,
        ).toBe('InvalidParameterValue');
      });

      it('drops messages older than the retention period', async () => {
        const QueueUrl = await createQueue({ MessageRetentionPeriod: '60' });
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'old' }));
        clock.advance(30_000);
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'young' }));
        clock.advance(30_000);

        expect(await counts(QueueUrl)).toStrictEqual([1, 0, 0]);
        expect((await receive(QueueUrl)).map((message) => message.Body)).toStrictEqual(['young']);
      });
    });

    describe('long polling', () => {
      it('returns the moment a message is sent, without waiting out WaitTimeSeconds', async () => {
        const QueueUrl = await createQueue();
        const waiting = timed(() => receive(QueueUrl, { WaitTimeSeconds: 20 }));
        await parked(QueueUrl);

        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'wake up' }));
        const { result, ms } = await waiting;

        expect(result.map((message) => message.Body)).toStrictEqual(['wake up']);
        expect(ms).toBeLessThan(1_000);
      });

      it('returns empty when the wait runs out, and wakes when a visibility timeout ends', async () => {
        const QueueUrl = await createQueue({ VisibilityTimeout: '10' });
        const empty = receive(QueueUrl, { WaitTimeSeconds: 20 });
        await parked(QueueUrl);
        clock.advance(20_000);
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'comes back' }));
        await receive(QueueUrl);

        const waiting = receive(QueueUrl, { WaitTimeSeconds: 20 });
        await parked(QueueUrl);
        clock.advance(10_000);

        expect(await empty).toStrictEqual([]);
        expect((await waiting).map((message) => message.Body)).toStrictEqual(['comes back']);
      });

      it('uses the queue ReceiveMessageWaitTimeSeconds when the request gives none', async () => {
        const QueueUrl = await createQueue({ ReceiveMessageWaitTimeSeconds: '20' });
        const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl }));
        await parked(QueueUrl);

        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'polled' }));

        expect((await waiting).Messages?.[0].Body).toBe('polled');
      });
    });

    describe('batches', () => {
      it('refuses empty, oversized, duplicate-id and bad-id batches as a whole', async () => {
        const QueueUrl = await createQueue();
        const entries = (count: number) =>
          Array.from({ length: count }, (_, index) => ({ Id: `m${index}`, MessageBody: 'x' }));

        expect((await errorOf(sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [] })))).name).toBe(
          'EmptyBatchRequest',
        );
        expect(
          (await errorOf(sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries(11) })))).name,
        ).toBe('TooManyEntriesInBatchRequest');
        expect(
          (
            await errorOf(
              sqs.send(
                new SendMessageBatchCommand({
                  QueueUrl,
                  Entries: [
                    { Id: 'a', MessageBody: 'x' },
                    { Id: 'a', MessageBody: 'y' },
                  ],
                }),
              ),
            )
          ).name,
        ).toBe('BatchEntryIdsNotDistinct');
        expect(
          (
            await errorOf(
              sqs.send(
                new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'bad id!', MessageBody: 'x' }] }),
              ),
            )
          ).name,
        ).toBe('InvalidBatchEntryId');
        const tooLong = Array.from({ length: 2 }, (_, index) => ({
          Id: `big${index}`,
          MessageBody: 'z'.repeat(600 * 1024),
        }));
        expect(
          (await errorOf(sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: tooLong })))).name,
        ).toBe('BatchRequestTooLong');
        expect((await errorOf(sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: [] })))).name).toBe(
          'EmptyBatchRequest',
        );
        expect(await counts(QueueUrl)).toStrictEqual([0, 0, 0]);
      });

      it('reports per-entry failures in Failed and sends the rest', async () => {
        const QueueUrl = await createQueue();

        const result = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl,
            Entries: [
              {
                Id: 'ok',
                MessageBody: 'fine',
                MessageAttributes: { attribName1: { DataType: 'String', StringValue: 'attribValue 1' } },
              },
              { Id: 'control', MessageBody: 'nul \u0000' },
              { Id: 'delay', MessageBody: 'x', DelaySeconds: 1000 },
            ],
          }),
        );

        expect(result.Successful?.map((entry) => entry.Id)).toStrictEqual(['ok']);
        expect(result.Successful?.[0].MD5OfMessageBody).toBe(md5OfBody('fine'));
        expect(result.Successful?.[0].MD5OfMessageAttributes).toBe('19e27d4e946b072f3f58da80d94fd778');
        expect(result.Failed?.map((entry) => [entry.Id, entry.Code, entry.SenderFault])).toStrictEqual([
          ['control', 'InvalidMessageContents', true],
          ['delay', 'InvalidParameterValue', true],
        ]);
        expect(await counts(QueueUrl)).toStrictEqual([1, 0, 0]);
      });

      it('deletes and changes visibility in batches, failing only bad entries', async () => {
        const QueueUrl = await createQueue();
        await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl,
            Entries: [0, 1, 2].map((index) => ({ Id: `m${index}`, MessageBody: `body ${index}` })),
          }),
        );
        const messages = await receive(QueueUrl);

        const changed = await sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl,
            Entries: [
              { Id: 'first', ReceiptHandle: messages[0].ReceiptHandle, VisibilityTimeout: 0 },
              { Id: 'bogus', ReceiptHandle: 'bogus', VisibilityTimeout: 0 },
            ],
          }),
        );
        const deleted = await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl,
            Entries: [
              { Id: 'second', ReceiptHandle: messages[1].ReceiptHandle },
              { Id: 'third', ReceiptHandle: messages[2].ReceiptHandle },
              { Id: 'bogus', ReceiptHandle: 'bogus' },
            ],
          }),
        );

        expect(messages).toHaveLength(3);
        expect(changed.Successful?.map((entry) => entry.Id)).toStrictEqual(['first']);
        expect(changed.Failed?.map((entry) => [entry.Id, entry.Code])).toStrictEqual([
          ['bogus', 'ReceiptHandleIsInvalid'],
        ]);
        expect(deleted.Successful?.map((entry) => entry.Id)).toStrictEqual(['second', 'third']);
        expect(deleted.Failed?.map((entry) => [entry.Id, entry.Code])).toStrictEqual([
          ['bogus', 'ReceiptHandleIsInvalid'],
        ]);
        expect(await counts(QueueUrl)).toStrictEqual([1, 0, 0]);
      });
    });

    describe('dead-letter queues', () => {
      async function queueWithDeadLetterQueue(
        maxReceiveCount: number,
      ): Promise<{ source: string; dlq: string; dlqArn: string }> {
        const dlq = await createQueue({}, '-dlq');
        const dlqArn = (await attributesOf(dlq)).QueueArn;
        const source = await createQueue({
          VisibilityTimeout: '10',
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount }),
        });
        return { source, dlq, dlqArn };
      }

      it('moves a message to the DLQ once its receive count exceeds maxReceiveCount, keeping its timestamps', async () => {
        const { source, dlq } = await queueWithDeadLetterQueue(2);
        const sourceArn = (await attributesOf(source)).QueueArn;
        const sent = await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: 'poison' }));
        const sentAt = clock.now();

        const first = await receive(source);
        clock.advance(10_000);
        const second = await receive(source);
        clock.advance(10_000);
        const third = await receive(source);
        const [dead] = await receive(dlq);

        expect(first).toHaveLength(1);
        expect(second).toHaveLength(1);
        expect(third).toHaveLength(0);
        expect(dead.MessageId).toBe(sent.MessageId);
        expect(dead.Body).toBe('poison');
        expect(dead.Attributes?.DeadLetterQueueSourceArn).toBe(sourceArn);
        expect(dead.Attributes?.SentTimestamp).toBe(String(sentAt));
        expect(dead.Attributes?.ApproximateFirstReceiveTimestamp).toBe(String(sentAt));
        expect(await counts(source)).toStrictEqual([0, 0, 0]);
      });

      it('wakes a long poll on the DLQ when a message is dead-lettered', async () => {
        const { source, dlq } = await queueWithDeadLetterQueue(1);
        await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: 'to the dlq' }));
        await receive(source);
        clock.advance(10_000);
        const waiting = receive(dlq, { WaitTimeSeconds: 20 });
        await parked(dlq);

        await receive(source);

        expect((await waiting).map((message) => message.Body)).toStrictEqual(['to the dlq']);
      });

      it('lists the source queues of a DLQ and refuses a RedrivePolicy to a missing queue', async () => {
        const { source, dlq } = await queueWithDeadLetterQueue(3);

        const { queueUrls } = await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }));
        const error = await errorOf(
          createQueue({
            RedrivePolicy: JSON.stringify({
              deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:missing',
              maxReceiveCount: 1,
            }),
          }),
        );

        expect(queueUrls).toStrictEqual([source]);
        expect(error.name).toBe('InvalidParameterValue');
      });

      it('moves dead letters back to their source with a message move task', async () => {
        const { source, dlq, dlqArn } = await queueWithDeadLetterQueue(1);
        await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: source,
            Entries: [
              { Id: 'a', MessageBody: 'a' },
              { Id: 'b', MessageBody: 'b' },
            ],
          }),
        );
        await receive(source);
        clock.advance(10_000);
        await receive(source);
        expect(await counts(dlq)).toStrictEqual([2, 0, 0]);

        const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
        clock.advance(0);
        const { Results } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
        const cancel = await errorOf(sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle })));
        const back = await receive(source);

        expect(TaskHandle).toBeDefined();
        expect(Results?.[0]).toMatchObject({
          Status: 'COMPLETED',
          ApproximateNumberOfMessagesMoved: 2,
          ApproximateNumberOfMessagesToMove: 2,
          SourceArn: dlqArn,
        });
        expect(cancel.name).toBe('ResourceNotFoundException');
        expect(back.map((message) => message.Body).sort()).toStrictEqual(['a', 'b']);
        expect(back[0].Attributes?.DeadLetterQueueSourceArn).toBeUndefined();
        expect(await counts(dlq)).toStrictEqual([0, 0, 0]);
      });

      it('cancels a running move task and refuses a source that is no DLQ', async () => {
        const { source, dlq, dlqArn } = await queueWithDeadLetterQueue(1);
        const sourceArn = (await attributesOf(source)).QueueArn;
        await sqs.send(new SendMessageCommand({ QueueUrl: dlq, MessageBody: 'waiting' }));

        const { TaskHandle } = await sqs.send(
          new StartMessageMoveTaskCommand({
            SourceArn: dlqArn,
            DestinationArn: sourceArn,
            MaxNumberOfMessagesPerSecond: 1,
          }),
        );
        const cancelled = await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
        const { Results } = await sqs.send(
          new ListMessageMoveTasksCommand({ SourceArn: dlqArn, MaxResults: 10 }),
        );
        const notDlq = await errorOf(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: sourceArn })));

        expect(cancelled.ApproximateNumberOfMessagesMoved).toBe(0);
        expect(Results?.[0].Status).toBe('CANCELLED');
        expect(notDlq.name).toBe('InvalidParameterValue');
      });
    });

    describe('FIFO queues', () => {
      async function createFifo(attributes: Record<string, string> = {}): Promise<string> {
        return createQueue({ FifoQueue: 'true', ...attributes }, '.fifo');
      }

      it('delivers a group in order and blocks it while one of its messages is in flight', async () => {
        const QueueUrl = await createFifo({ ContentBasedDeduplication: 'true' });
        for (const body of ['a1', 'a2', 'a3'])
          await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body, MessageGroupId: 'a' }));
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'b1', MessageGroupId: 'b' }));

        const first = await receive(QueueUrl, { MaxNumberOfMessages: 1 });
        const second = await receive(QueueUrl, { MaxNumberOfMessages: 10 });
        await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first[0].ReceiptHandle }));
        const third = await receive(QueueUrl, { MaxNumberOfMessages: 10 });

        expect(first.map((message) => message.Body)).toStrictEqual(['a1']);
        expect(second.map((message) => message.Body)).toStrictEqual(['b1']);
        expect(third.map((message) => message.Body)).toStrictEqual(['a2', 'a3']);
        expect(first[0].Attributes?.MessageGroupId).toBe('a');
      });

      it('deduplicates within five minutes, by id or by content, and numbers messages in sequence', async () => {
        const QueueUrl = await createFifo();
        const send = (MessageBody: string, MessageDeduplicationId: string) =>
          sqs.send(
            new SendMessageCommand({ QueueUrl, MessageBody, MessageGroupId: 'g', MessageDeduplicationId }),
          );

        const first = await send('one', 'd1');
        const repeat = await send('one again', 'd1');
        const other = await send('two', 'd2');
        clock.advance(5 * 60 * 1000);
        const afterWindow = await send('one later', 'd1');

        expect(repeat.MessageId).toBe(first.MessageId);
        expect(repeat.SequenceNumber).toBe(first.SequenceNumber);
        expect(BigInt(other.SequenceNumber ?? '0')).toBeGreaterThan(BigInt(first.SequenceNumber ?? '0'));
        expect(afterWindow.MessageId).not.toBe(first.MessageId);
        expect(await counts(QueueUrl)).toStrictEqual([3, 0, 0]);

        const contentBased = await createFifo({ ContentBasedDeduplication: 'true' });
        const a = await sqs.send(
          new SendMessageCommand({ QueueUrl: contentBased, MessageBody: 'same', MessageGroupId: 'g' }),
        );
        const b = await sqs.send(
          new SendMessageCommand({ QueueUrl: contentBased, MessageBody: 'same', MessageGroupId: 'g' }),
        );
        expect(b.MessageId).toBe(a.MessageId);
        expect(await counts(contentBased)).toStrictEqual([1, 0, 0]);
      });

      it('requires a group id and a deduplication id, and refuses per-message delays', async () => {
        const QueueUrl = await createFifo();

        const noGroup = await errorOf(
          sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageDeduplicationId: 'd' })),
        );
        const noDedup = await errorOf(
          sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g' })),
        );
        const delay = await errorOf(
          sqs.send(
            new SendMessageCommand({
              QueueUrl,
              MessageBody: 'x',
              MessageGroupId: 'g',
              MessageDeduplicationId: 'd',
              DelaySeconds: 1,
            }),
          ),
        );
        const badName = await errorOf(
          sqs.send(
            new CreateQueueCommand({ QueueName: `no-suffix-${protocol}`, Attributes: { FifoQueue: 'true' } }),
          ),
        );

        expect(noGroup.name).toBe('MissingParameter');
        expect(noDedup.name).toBe('InvalidParameterValue');
        expect(delay.name).toBe('InvalidParameterValue');
        expect(badName.name).toBe('InvalidParameterValue');
      });

      it('returns FIFO system attributes', async () => {
        const QueueUrl = await createFifo();
        const sent = await sqs.send(
          new SendMessageCommand({
            QueueUrl,
            MessageBody: 'x',
            MessageGroupId: 'g1',
            MessageDeduplicationId: 'd1',
          }),
        );

        const [message] = await receive(QueueUrl);

        expect(message.Attributes).toMatchObject({
          MessageGroupId: 'g1',
          MessageDeduplicationId: 'd1',
          SequenceNumber: sent.SequenceNumber,
        });
        expect((await attributesOf(QueueUrl)).FifoQueue).toBe('true');
      });
    });
  });
}

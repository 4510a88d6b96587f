import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { connectDynamoDbItems, isConditionalCheckFailure } from '../../shared/dynamodb-items';
import { dynamoDbError } from '../lambdas/support/fake-table';
import { localFunctionEnvironment, withLocalDynamoDbItems } from '../support/local-dynamodb-items';

/** A loopback port nothing listens on: a client sent there cannot reach dynalite. */
const NOWHERE = 'http://127.0.0.1:9';

describe('isConditionalCheckFailure', () => {
  it('is true for an error named ConditionalCheckFailedException', () => {
    expect(
      isConditionalCheckFailure(
        dynamoDbError('ConditionalCheckFailedException', 'The conditional request failed'),
      ),
    ).toBe(true);
  });

  it.each([
    ['another DynamoDB error', dynamoDbError('ProvisionedThroughputExceededException', 'slow down')],
    ['an error without a DynamoDB name', new Error('ConditionalCheckFailedException')],
    ['a plain object with that name', { name: 'ConditionalCheckFailedException' }],
    ['undefined', undefined],
  ])('is false for %s', (_case, error) => {
    expect(isConditionalCheckFailure(error)).toBe(false);
  });
});

describe('connectDynamoDbItems on dynalite', () => {
  const dynalite = withLocalDynamoDbItems([{ tableName: 'Orders', key: 'orderId' }]);

  /** The item under `orderId` as dynalite holds it, read with the SDK rather than the client under test. */
  async function storedItem(orderId: string) {
    const { Item } = await dynalite().dynamodb.client.send(
      new GetItemCommand({ TableName: 'Orders', Key: { orderId: { S: orderId } }, ConsistentRead: true }),
    );
    return Item;
  }

  it('sends to AWS_ENDPOINT_URL_DYNAMODB rather than AWS_ENDPOINT_URL', async () => {
    const items = connectDynamoDbItems({
      env: { ...localFunctionEnvironment(dynalite().dynamodb.endpoint), AWS_ENDPOINT_URL: NOWHERE },
    });

    await items.PutItem({ TableName: 'Orders', Item: { orderId: 'by-service-endpoint', items: ['book'] } });

    await expect(storedItem('by-service-endpoint')).resolves.toStrictEqual({
      orderId: { S: 'by-service-endpoint' },
      items: { L: [{ S: 'book' }] },
    });
  });

  it('writes binary values (Buffer, Uint8Array, at any depth) as DynamoDB binary, base64 on the wire', async () => {
    const items = connectDynamoDbItems({ env: localFunctionEnvironment(dynalite().dynamodb.endpoint) });
    const gzip = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff]);

    await items.PutItem({
      TableName: 'Orders',
      Item: { orderId: 'binary', body: gzip, nested: { bytes: new Uint8Array([1, 2, 3]) }, list: [gzip] },
    });

    const item = await storedItem('binary');
    expect(Buffer.from(item?.body.B ?? [])).toStrictEqual(gzip);
    expect(Buffer.from(item?.nested.M?.bytes.B ?? [])).toStrictEqual(Buffer.from([1, 2, 3]));
    expect(Buffer.from(item?.list.L?.[0].B ?? [])).toStrictEqual(gzip);
  });

  it('sends to AWS_ENDPOINT_URL when no DynamoDB endpoint is set', async () => {
    const items = connectDynamoDbItems({
      env: {
        ...localFunctionEnvironment(dynalite().dynamodb.endpoint),
        AWS_ENDPOINT_URL_DYNAMODB: undefined,
        AWS_ENDPOINT_URL: dynalite().dynamodb.endpoint,
      },
    });

    await items.PutItem({ TableName: 'Orders', Item: { orderId: 'by-general-endpoint' } });

    await expect(storedItem('by-general-endpoint')).resolves.toStrictEqual({
      orderId: { S: 'by-general-endpoint' },
    });
  });

  it('writes an item with an undefined property, without it, when removeUndefinedValues is on', async () => {
    const items = dynalite().connect({ marshallOptions: { removeUndefinedValues: true } });

    await items.PutItem({
      TableName: 'Orders',
      Item: { orderId: 'with-undefined', customerName: undefined },
    });

    await expect(storedItem('with-undefined')).resolves.toStrictEqual({ orderId: { S: 'with-undefined' } });
  });

  it('refuses an item with an undefined property, naming the option, when removeUndefinedValues is off', async () => {
    const items = dynalite().connect();

    await expect(
      items.PutItem({ TableName: 'Orders', Item: { orderId: 'refused', customerName: undefined } }),
    ).rejects.toThrow(/removeUndefinedValues/);
    await expect(storedItem('refused')).resolves.toBeUndefined();
  });

  it('rejects a failed condition with an error named ConditionalCheckFailedException', async () => {
    const items = dynalite().connect();
    const put = {
      TableName: 'Orders',
      Item: { orderId: 'twice' },
      ConditionExpression: 'attribute_not_exists(orderId)',
    };
    await items.PutItem(put);

    const failure = await items.PutItem(put).catch((error: unknown) => error);

    expect(isConditionalCheckFailure(failure)).toBe(true);
  });
});

describe('connectDynamoDbItems credentials', () => {
  it('signs with the credentials and region of env, session token included', async () => {
    const received: IncomingHttpHeaders[] = [];
    const server = createServer((request, response) => {
      received.push(request.headers);
      request.resume().on('end', () => {
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const items = connectDynamoDbItems({
        env: {
          AWS_REGION: 'eu-west-1',
          AWS_ACCESS_KEY_ID: 'AKIDFROMENV',
          AWS_SECRET_ACCESS_KEY: 'secret-from-env',
          AWS_SESSION_TOKEN: 'token-from-env',
          AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${port}`,
        },
      });

      await items.PutItem({ TableName: 'Orders', Item: { orderId: 'o-1' } });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }

    expect(received).toStrictEqual([
      expect.objectContaining({
        authorization: expect.stringMatching(
          /Credential=AKIDFROMENV\/\d{8}\/eu-west-1\/dynamodb\/aws4_request/,
        ),
        'x-amz-security-token': 'token-from-env',
      }),
    ]);
  });
});

import awsLite from '@aws-lite/client';
import dynamodbPlugin from '@aws-lite/dynamodb';

/** A DynamoDB item as the functions write and read it: plain values, marshalled by the client. */
export type ItemDocument = Record<string, unknown>;

export interface PutItemInput {
  readonly TableName: string;
  /** Any object of plain values (a `StoredOrder`, a rejected-order record). */
  readonly Item: object;
  readonly ConditionExpression?: string;
  readonly ReturnValuesOnConditionCheckFailure?: 'ALL_OLD' | 'NONE';
}

export interface GetItemInput {
  readonly TableName: string;
  readonly Key: ItemDocument;
  readonly ConsistentRead?: boolean;
  readonly ProjectionExpression?: string;
}

/**
 * The DynamoDB calls the functions make, on documents: `Item` and `Key` go in as plain values and
 * `Item` comes back as plain values. aws-lite's DynamoDB plugin has this shape; tests fake it.
 *
 * A failed call rejects with an `Error` whose `name` is DynamoDB's error code (e.g.
 * `ConditionalCheckFailedException`); the properties of DynamoDB's error body are on it as they came,
 * so an `Item` returned with `ReturnValuesOnConditionCheckFailure` is marshalled (`{ S: '…' }`).
 */
export interface DynamoDbItems {
  PutItem(input: PutItemInput): Promise<unknown>;
  GetItem(input: GetItemInput): Promise<{ readonly Item?: ItemDocument }>;
}

/** DynamoDB's answer when a `ConditionExpression` does not hold. */
export function isConditionalCheckFailure(
  error: unknown,
): error is Error & { readonly Item?: Record<string, unknown> } {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/**
 * Attempts per call, as the AWS SDK's standard retry mode makes them: throttling, 5xx answers and
 * connection errors are retried with jittered exponential backoff (base 100 ms); what still fails
 * reaches the caller, whose record then goes back to the queue.
 */
const RETRIES = 2;

export interface DynamoDbItemsOptions {
  /** aws-lite's marshalling options for `Item` and `Key` (those of `@aws-sdk/util-dynamodb`). */
  readonly marshallOptions?: { readonly removeUndefinedValues?: boolean };
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * DynamoDB through aws-lite (`@aws-lite/client` with `@aws-lite/dynamodb`), made once per function
 * instance. aws-lite is chosen over the AWS SDK for the functions' hot path because it loads in a
 * fraction of the time (the cold-start figures in docs/benchmarks.md) and spends less CPU per request; it signs
 * with SigV4 and takes credentials and region from the environment as Lambda sets them (`env`,
 * `process.env` unless a test passes its own).
 *
 * The endpoint follows the SDK's convention, so the local cloud's `AWS_ENDPOINT_URL_DYNAMODB`
 * (or `AWS_ENDPOINT_URL`) points the same code at it; on AWS neither is set.
 *
 * The client is resolved in the background from the start (init); a call waits for it. A client
 * that cannot be made (no credentials) fails every call with that error, not the module's load.
 */
export function connectDynamoDbItems(options: DynamoDbItemsOptions = {}): DynamoDbItems {
  const env = options.env ?? process.env;
  // An empty variable counts as unset, as it does for the SDK.
  const endpoint = env.AWS_ENDPOINT_URL_DYNAMODB || env.AWS_ENDPOINT_URL;
  const client = awsLite({
    plugins: [dynamodbPlugin],
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    retries: RETRIES,
    ...credentialsIn(env),
    ...(endpoint ? { endpoint } : {}),
    ...(options.marshallOptions === undefined ? {} : { awsjsonMarshall: options.marshallOptions }),
  })
    // The plugin adds `DynamoDB`; aws-lite's types know it only with @aws-lite/dynamodb-types.
    .then((aws) => (aws as unknown as { readonly DynamoDB: DynamoDbItems }).DynamoDB);
  // Handled by the first call that awaits it; not an unhandled rejection at init.
  client.catch(() => undefined);
  return {
    PutItem: async (input) =>
      (await client).PutItem({ ...input, Item: withBase64Binary(input.Item) as object }),
    GetItem: async (input) => (await client).GetItem(input),
  };
}

/**
 * The credentials Lambda puts in the environment (the execution role's, with a session token).
 * Without them aws-lite looks further itself (the credentials file, the instance metadata service).
 */
function credentialsIn(env: NodeJS.ProcessEnv) {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = env;
  if (!accessKeyId || !secretAccessKey) return {};
  const sessionToken = env.AWS_SESSION_TOKEN;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/**
 * aws-lite marshals a binary value (a Buffer, a Uint8Array) as `{ B: value }` and then writes the
 * request with `JSON.stringify`, which turns a Buffer into `{"type":"Buffer","data":[...]}`; DynamoDB's
 * JSON protocol wants base64 there and answers `SerializationException`. So every binary value of an
 * item (at any depth) is handed over as a Buffer that still marshals as binary but serializes as
 * base64. FailedOrders stores a gzip-compressed body that way.
 */
function withBase64Binary(value: unknown): unknown {
  if (value instanceof Uint8Array) {
    const bytes = Buffer.from(value);
    return Object.assign(bytes, { toJSON: () => bytes.toString('base64') });
  }
  if (Array.isArray(value)) return value.map(withBase64Binary);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, withBase64Binary(item)]));
  }
  return value;
}

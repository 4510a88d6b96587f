import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { bundledScript, type Gateway, LOCAL_CREDENTIALS, scaledClock, startGateway } from 'local-cloud';
import type { RedrivableRecord } from '../../bin/redrive/rejected-records';
import { STACK_NAME } from '../../lib/order-pipeline-app';
import {
  generateOrders,
  type PipelineCloud,
  stackOutput,
  startPipelineCloud,
  waitUntilSettled,
} from '../../tools/pipeline-run';
import { pipelineAssembly } from '../support/pipeline-assembly';

const REPOSITORY = join(__dirname, '..', '..');
const TIME_SCALE = 2;

/**
 * Runs `npm run redrive`'s script (`bin/redrive.ts`, bundled: each run starts in a fraction of
 * ts-node's CPU) against the gateway, with the local cloud's fake credentials.
 */
async function redrive(endpoint: string, ...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [await bundledScript(join(REPOSITORY, 'bin', 'redrive.ts')), ...args],
      {
        cwd: REPOSITORY,
        timeout: 120_000,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/tmp',
          AWS_ENDPOINT_URL: endpoint,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.AWS_ACCESS_KEY_ID,
          AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        },
      },
    );
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe('npm run redrive against the local cloud, after the orders table failed and was fixed', () => {
  let outdir = '';
  let pipeline: PipelineCloud;
  let router: Gateway;
  let documents: DynamoDBDocumentClient;
  const scan = async (output: 'OrdersTableName' | 'RejectedOrdersTableName') =>
    (
      await documents.send(
        new ScanCommand({ TableName: stackOutput(pipeline.cloud, output), ConsistentRead: true }),
      )
    ).Items ?? [];

  beforeAll(async () => {
    // One failed receive dead-letters, and a short timeout keeps the visibility timeout short.
    outdir = pipelineAssembly({
      maxReceiveCount: '1',
      processOrdersTimeoutSeconds: '5',
      maxBatchingWindowSeconds: '1',
    });
    pipeline = await startPipelineCloud({
      assemblyDirectory: outdir,
      stackName: STACK_NAME,
      clock: scaledClock(TIME_SCALE),
    });
    router = await startGateway(0);
    router.serve(pipeline.cloud);
    documents = DynamoDBDocumentClient.from(pipeline.cloud.dynamodb.client);
    // The orders table fails every write: the ten valid orders of the demo exhaust their retries.
    pipeline.cloud.dynamodb.faults.set({
      tableName: stackOutput(pipeline.cloud, 'OrdersTableName'),
      operations: ['PutItem'],
      errorRate: 1,
      errorCode: 'InternalServerError',
    });
    await generateOrders(pipeline.cloud, {});
    await waitUntilSettled(pipeline, 150);
    pipeline.cloud.dynamodb.faults.clear();
  }, 240_000);

  afterAll(async () => {
    await router?.close();
    await pipeline?.cloud.stop();
  });

  test('the failure: nothing stored, ten orders recorded as RETRIES_EXHAUSTED and UserX as INVALID_ORDER', async () => {
    expect(await scan('OrdersTableName')).toStrictEqual([]);
    const reasons = (await scan('RejectedOrdersTableName')).map((item) => item.reason).sort();
    expect(reasons).toStrictEqual([...Array(10).fill('RETRIES_EXHAUSTED'), 'INVALID_ORDER'].sort());
  });

  test('a dry run lists the ten and sends nothing', async () => {
    const { code, stdout } = await redrive(router.endpoint, '--reason', 'RETRIES_EXHAUSTED', '--dry-run');
    expect(code).toBe(0);
    expect(stdout).toContain('Would send 10 rejected order(s) back (dry run: nothing sent):');
    expect(stdout.match(/RETRIES_EXHAUSTED/g)).toHaveLength(10);
    expect(
      (await scan('RejectedOrdersTableName')).filter((item) => item.redrivenAt !== undefined),
    ).toStrictEqual([]);
  }, 150_000);

  test('the redrive stores the ten orders, marks their records, and leaves UserX alone', async () => {
    const { code, stdout } = await redrive(router.endpoint, '--reason', 'RETRIES_EXHAUSTED');
    expect(stdout).toContain('Sent back and marked: 10');
    expect(code).toBe(0);
    expect(await waitUntilSettled(pipeline, 90)).toBe(true);
    const stored = (await scan('OrdersTableName')).map((item) => item.customerName).sort();
    expect(stored).toStrictEqual(Array.from({ length: 10 }, (_, i) => `User${i}`));
    const records = (await scan('RejectedOrdersTableName')) as RedrivableRecord[];
    expect(records).toHaveLength(11);
    for (const record of records) {
      if (record.reason === 'RETRIES_EXHAUSTED') {
        expect(record).toMatchObject({
          redrivenAt: expect.any(String),
          redriveMessageId: expect.any(String),
        });
      } else {
        expect(record.redrivenAt).toBeUndefined();
      }
    }
  }, 200_000);

  test('a second run selects and sends nothing: the orders queue receives no more messages', async () => {
    const received = pipeline.ledger.messagesReceived;
    const { code, stdout } = await redrive(router.endpoint, '--reason', 'RETRIES_EXHAUSTED');
    expect(code).toBe(0);
    expect(stdout).toContain('Selected 0 rejected order(s) not yet redriven:');
    expect(stdout).toContain('Sent back and marked: 0');
    expect(await waitUntilSettled(pipeline, 30)).toBe(true);
    expect(pipeline.ledger.messagesReceived).toBe(received);
    expect(await scan('OrdersTableName')).toHaveLength(10);
  }, 150_000);
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  awsCliEnvironment,
  cloudFormationApi,
  debianAwsCli,
  notRunHere,
  runAwsCli,
  signingServiceOf,
} from 'local-cloud';

const STACK = {
  stackName: 'OrderPipeline',
  outputs: {
    OrdersQueueUrl: 'http://127.0.0.1:4566/000000000000/OrderPipeline-Orders',
    RejectedOrdersTableName: 'OrderPipeline-Rejected&<Orders>',
  },
  environment: { accountId: '000000000000', region: 'us-east-1', partition: 'aws' },
};
/** A second stack the same cloud runs, as `local-cloud serve` brings up every stack of an assembly. */
const OTHER_STACK = { ...STACK, stackName: 'Monitoring', outputs: { AlarmTopicName: 'alarms' } };
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** A gateway-like router: the CloudFormation API first, then a stand-in for the other services. */
describe('the local CloudFormation API, mounted before the other services', () => {
  let server: Server;
  let endpoint: string;
  const notHandled: string[] = [];

  beforeAll(async () => {
    const api = cloudFormationApi([STACK, OTHER_STACK]);
    server = createServer((request, response) => {
      void api(request, response).then((handled) => {
        if (handled) return;
        notHandled.push(signingServiceOf(request) ?? '?');
        response.writeHead(418, { 'content-type': 'text/plain' });
        response.end('not CloudFormation');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const cloudFormation = () =>
    new CloudFormationClient({ endpoint, region: 'us-east-1', credentials: CREDENTIALS });

  test("DescribeStacks by the SDK's awsQuery client answers the stack, CREATE_COMPLETE, with its outputs", async () => {
    const { Stacks = [] } = await cloudFormation().send(
      new DescribeStacksCommand({ StackName: 'OrderPipeline' }),
    );
    expect(Stacks).toHaveLength(1);
    expect(Stacks[0]).toMatchObject({
      StackName: 'OrderPipeline',
      StackStatus: 'CREATE_COMPLETE',
      StackId: expect.stringMatching(
        /^arn:aws:cloudformation:us-east-1:000000000000:stack\/OrderPipeline\/[0-9a-f-]{36}$/,
      ),
    });
    expect(
      Object.fromEntries((Stacks[0].Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue])),
    ).toStrictEqual(STACK.outputs);
  });

  test('DescribeStacks without a name lists every stack; by a stack id finds that one', async () => {
    const { Stacks = [] } = await cloudFormation().send(new DescribeStacksCommand({}));
    expect(Stacks.map((stack) => stack.StackName)).toStrictEqual(['OrderPipeline', 'Monitoring']);
    const byId = await cloudFormation().send(new DescribeStacksCommand({ StackName: Stacks[1].StackId }));
    expect(byId.Stacks?.map((stack) => stack.StackName)).toStrictEqual(['Monitoring']);
    expect(byId.Stacks?.[0].Outputs).toStrictEqual([{ OutputKey: 'AlarmTopicName', OutputValue: 'alarms' }]);
  });

  test('an unknown stack is a ValidationError, as CloudFormation answers it', async () => {
    await expect(
      cloudFormation().send(new DescribeStacksCommand({ StackName: 'Other' })),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Stack with id Other does not exist',
    });
  });

  test('a request signed for another service (an SQS call) is left to the next handler, its body unread', async () => {
    const sqs = new SQSClient({ endpoint, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 });
    await expect(sqs.send(new ListQueuesCommand({}))).rejects.toBeDefined();
    expect(notHandled).toContain('sqs');
  });

  const cli = debianAwsCli();
  if (typeof cli === 'string') notRunHere('aws cloudformation describe-stacks reads the outputs', cli);
  else
    test('aws cloudformation describe-stacks reads the outputs', async () => {
      const { stdout, stderr, code } = await runAwsCli(
        cli.path,
        [
          '--endpoint-url',
          endpoint,
          'cloudformation',
          'describe-stacks',
          '--stack-name',
          'OrderPipeline',
          '--output',
          'json',
        ],
        { env: awsCliEnvironment() },
      );
      expect({ code, stderr }).toStrictEqual({ code: 0, stderr: '' });
      const [stack] = JSON.parse(stdout).Stacks;
      expect(stack.StackStatus).toBe('CREATE_COMPLETE');
      expect(stack.Outputs).toContainEqual({
        OutputKey: 'RejectedOrdersTableName',
        OutputValue: 'OrderPipeline-Rejected&<Orders>',
      });
    }, 60_000);
});

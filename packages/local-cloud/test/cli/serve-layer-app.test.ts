import { join } from 'node:path';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { COMMAND_DEADLINE_MS, startCli, waitForOutput } from './cli-process';

/** A plain JavaScript CDK app: a LayerVersion from a folder, and a function that requires its package. */
const FUNCTION_WITH_LAYER = join(__dirname, '..', 'apps', 'function-with-layer');
const EXTERNAL_LAYER = 'arn:aws:lambda:us-east-1:111122223333:layer:AWSLambdaPowertoolsTypeScriptV2:30';

describe('local-cloud serve --app on an app whose function uses a Lambda layer', () => {
  test(
    "the function requires the layer's package, directly invoked and from its queue; an external layer is named in a warning",
    async () => {
      const serving = startCli(['serve', '--app', FUNCTION_WITH_LAYER, '--port', '0']);
      try {
        const [, endpoint] = await waitForOutput(
          serving.output,
          /local-cloud ready at (http:\/\/127\.0\.0\.1:\d+)/,
        );
        const [, namesUrl] = await waitForOutput(serving.output, /NamesUrl = (\S+)/);
        expect(serving.output()).toMatch(
          /^GreetingLayer\w+ +AWS::Lambda::LayerVersion +emulated +Node\.js layer from asset\.[0-9a-f]+: /m,
        );
        expect(serving.output()).toMatch(
          new RegExp(
            `^warning: function Greeter\\w+ uses layer ${EXTERNAL_LAYER}, whose content is not in the cloud assembly`,
            'm',
          ),
        );

        const invoked = await startCli([
          'invoke',
          'Greeter',
          '--payload',
          '{"name":"Ada"}',
          '--port',
          endpoint.split(':')[2],
        ]).finished;
        expect(invoked.code).toBe(0);
        expect(JSON.parse(invoked.stdout)).toStrictEqual({
          greeting: 'Hello, Ada, from the greeting layer',
          from: expect.stringMatching(
            /\/cdk\.out\/asset\.[0-9a-f]+\/nodejs\/node_modules\/greeting\/index\.js$/,
          ),
        });

        const sqs = new SQSClient({
          endpoint,
          region: 'us-east-1',
          credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        });
        await sqs.send(new SendMessageCommand({ QueueUrl: namesUrl, MessageBody: 'Grace' }));
        sqs.destroy();
        await waitForOutput(serving.output, /Greeter \w+ \| .*INFO\tHello, Grace, from the greeting layer/);
      } finally {
        serving.child.kill('SIGTERM');
      }
      expect((await serving.finished).code).toBe(0);
    },
    COMMAND_DEADLINE_MS * 2,
  );
});

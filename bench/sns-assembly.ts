import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SNS_BENCH_STACK = 'SnsBench';

/** The fan-outs measured: a topic with this many queue subscriptions each. */
export const FAN_OUTS = [1, 2, 10] as const;

/** The logical id of the topic subscribed by `fanOut` queues. */
export function fanOutTopicId(fanOut: number): string {
  return `FanOut${fanOut}`;
}

/** The logical id of the `index`th queue subscribed to the `fanOut` topic. */
export function fanOutQueueId(fanOut: number, index: number): string {
  return `FanOut${fanOut}Queue${index}`;
}

/** A template's resources for one standard topic and its queues, each an `AWS::SNS::Subscription`. */
function fanOutResources(fanOut: number): Record<string, unknown> {
  const topic = fanOutTopicId(fanOut);
  const resources: Record<string, unknown> = { [topic]: { Type: 'AWS::SNS::Topic' } };
  for (let index = 0; index < fanOut; index++) {
    const queue = fanOutQueueId(fanOut, index);
    resources[queue] = { Type: 'AWS::SQS::Queue' };
    resources[`${queue}Subscription`] = {
      Type: 'AWS::SNS::Subscription',
      Properties: {
        TopicArn: { Ref: topic },
        Protocol: 'sqs',
        Endpoint: { 'Fn::GetAtt': [queue, 'Arn'] },
      },
    };
  }
  return resources;
}

/**
 * Writes into `directory` a cloud assembly with one topic per fan-out (1, 2 and 10 queue
 * subscriptions, envelope delivery, no filter policy), written by hand as the local cloud's own
 * topic fixture is: synthesizing a CDK app would add seconds and nothing the benchmark measures.
 */
export function writeSnsBenchAssembly(directory: string): void {
  const template = { Resources: Object.assign({}, ...FAN_OUTS.map(fanOutResources)) };
  writeFileSync(join(directory, `${SNS_BENCH_STACK}.template.json`), JSON.stringify(template));
  writeFileSync(
    join(directory, 'manifest.json'),
    JSON.stringify({
      version: '55.0.0',
      artifacts: {
        [SNS_BENCH_STACK]: {
          type: 'aws:cloudformation:stack',
          properties: { templateFile: `${SNS_BENCH_STACK}.template.json` },
        },
      },
    }),
  );
}

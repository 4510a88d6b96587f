import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { processCpuMs } from './process-cpu';
import type { FanOutTopic } from './sns-cloud-process';
import { snsClient } from './sns-latency';
import { awaitVisible, checkLedger } from './sns-ledger';
import { sdkClient } from './sqs-api';

/** Publishes of each fan-out run, by {@link PUBLISHERS} concurrent loops. */
export const PUBLISHES = 2_000;
export const PUBLISHERS = 16;
/** A run that has not published and delivered everything by then has stalled: it fails. */
export const RUN_DEADLINE_MS = 60_000;
/** What each publish carries: a small JSON document, as an order event would be. */
const BODY_PADDING = 'x'.repeat(64);

/** One fan-out run's figures. */
export interface FanOutResult {
  readonly fanOut: number;
  readonly publishes: number;
  readonly deliveries: number;
  /** From the first Publish sent to the last delivery visible on its queue. */
  readonly seconds: number;
  readonly publishesPerSecond: number;
  readonly deliveriesPerSecond: number;
  /** CPU (user + system) of the cloud's process per publish, from /proc; NaN off Linux. */
  readonly serverCpuMsPerPublish: number;
  /** CPU of this process (the SDK clients) per publish. */
  readonly clientCpuMsPerPublish: number;
}

/** One publisher: publishes until the run's count is reached, recording each MessageId. */
async function publisher(
  sns: SNSClient,
  topicArn: string,
  run: { next: number; total: number; deadline: number; ids: string[] },
): Promise<void> {
  while (run.next < run.total) {
    if (Date.now() > run.deadline)
      throw new Error(
        `publishing passed ${RUN_DEADLINE_MS} ms with ${run.ids.length} of ${run.total} published`,
      );
    const index = run.next++;
    const { MessageId } = await sns.send(
      new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify({ index, padding: BODY_PADDING }) }),
    );
    run.ids.push(MessageId ?? '');
  }
}

/**
 * Publishes `publishes` messages to the topic from {@link PUBLISHERS} concurrent loops over one SDK
 * client (keep-alive, as the SDK's default agent has it), waits until every delivery is receivable,
 * and measures the time and the CPU both processes spent. Then drains the queues and checks the
 * ledger, outside the measured window.
 *
 * @param serverPid the process serving SNS, whose CPU is the server's
 * @throws Error if the run passes its deadline or the ledger does not balance
 */
export async function fanOutRun(
  endpoint: string,
  topic: FanOutTopic,
  serverPid: number | undefined,
  publishes = PUBLISHES,
): Promise<FanOutResult> {
  const sns = snsClient(endpoint);
  const sqs = sdkClient(endpoint);
  try {
    const expected = publishes * topic.queueUrls.length;
    const run = { next: 0, total: publishes, deadline: Date.now() + RUN_DEADLINE_MS, ids: [] as string[] };
    const serverBefore = processCpuMs(serverPid);
    const clientBefore = process.cpuUsage();
    const start = performance.now();
    await Promise.all(Array.from({ length: PUBLISHERS }, () => publisher(sns, topic.topicArn, run)));
    await awaitVisible(sqs, topic.queueUrls, expected, run.deadline);
    const seconds = (performance.now() - start) / 1000;
    const client = process.cpuUsage(clientBefore);
    const serverMs = (processCpuMs(serverPid) ?? Number.NaN) - (serverBefore ?? Number.NaN);
    const deliveries = await checkLedger(sqs, topic.queueUrls, run.ids);
    return {
      fanOut: topic.queueUrls.length,
      publishes,
      deliveries,
      seconds,
      publishesPerSecond: publishes / seconds,
      deliveriesPerSecond: deliveries / seconds,
      serverCpuMsPerPublish: serverMs / publishes,
      clientCpuMsPerPublish: (client.user + client.system) / 1000 / publishes,
    };
  } finally {
    sns.destroy();
    sqs.destroy();
  }
}

import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

const DRAIN_DEADLINE_MS = 60_000;
const VISIBLE_POLL_MS = 2;

/** The messages visible on the queues now, summed. */
async function visibleOn(sqs: SQSClient, queueUrls: readonly string[]): Promise<number> {
  const depths = await Promise.all(
    queueUrls.map(async (QueueUrl) => {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
      );
      return Number(Attributes.ApproximateNumberOfMessages ?? 0);
    }),
  );
  return depths.reduce((sum, depth) => sum + depth, 0);
}

/**
 * Resolves once the queues hold at least `expected` messages between them: the moment a fan-out
 * run's last delivery is receivable. Bounded by `deadline` (epoch ms), after which it resolves with
 * what is there, for the ledger to report.
 */
export async function awaitVisible(
  sqs: SQSClient,
  queueUrls: readonly string[],
  expected: number,
  deadline: number,
): Promise<number> {
  let visible = await visibleOn(sqs, queueUrls);
  while (visible < expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, VISIBLE_POLL_MS));
    visible = await visibleOn(sqs, queueUrls);
  }
  return visible;
}

/** Receives and deletes everything on a queue; returns the SNS MessageId of each envelope received. */
async function drain(sqs: SQSClient, QueueUrl: string, expected: number): Promise<string[]> {
  const messageIds: string[] = [];
  const deadline = Date.now() + DRAIN_DEADLINE_MS;
  // Bounded: the expected receives, and as many again for duplicates, before an empty one ends it.
  for (let round = 0; round < 2 * Math.ceil(expected / 10) + 10 && Date.now() < deadline; round++) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: 60,
      }),
    );
    if (Messages.length === 0) return messageIds;
    for (const message of Messages) messageIds.push(String(JSON.parse(message.Body ?? '{}').MessageId));
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: Messages.map((message, index) => ({
          Id: `m${index}`,
          ReceiptHandle: message.ReceiptHandle,
        })),
      }),
    );
  }
  return messageIds;
}

/** What is wrong with one queue's deliveries: published messages missing, or received more than once. */
export function ledgerProblems(
  queueUrl: string,
  published: readonly string[],
  received: readonly string[],
): string[] {
  const counts = new Map<string, number>();
  for (const messageId of received) counts.set(messageId, (counts.get(messageId) ?? 0) + 1);
  const missing = published.filter((messageId) => !counts.has(messageId));
  const repeated = [...counts].filter(([, count]) => count > 1).map(([messageId]) => messageId);
  const publishedIds = new Set(published);
  const unknown = [...counts.keys()].filter((messageId) => !publishedIds.has(messageId));
  const problems: string[] = [];
  if (missing.length > 0)
    problems.push(`${queueUrl}: ${missing.length} published message(s) never arrived (first ${missing[0]})`);
  if (repeated.length > 0)
    problems.push(`${queueUrl}: ${repeated.length} message(s) arrived more than once (first ${repeated[0]})`);
  if (unknown.length > 0)
    problems.push(
      `${queueUrl}: ${unknown.length} message(s) arrived that this run did not publish (first ${unknown[0]})`,
    );
  return problems;
}

/**
 * Drains every queue and checks the ledger: each published message arrived exactly once on each
 * queue, so deliveries = publishes × queues. Returns the deliveries counted.
 *
 * @throws Error naming every imbalance, so a benchmark that lost or repeated a delivery fails loudly
 */
export async function checkLedger(
  sqs: SQSClient,
  queueUrls: readonly string[],
  published: readonly string[],
): Promise<number> {
  const received = await Promise.all(queueUrls.map((queueUrl) => drain(sqs, queueUrl, published.length)));
  const problems = queueUrls.flatMap((queueUrl, index) =>
    ledgerProblems(queueUrl, published, received[index]),
  );
  const deliveries = received.reduce((sum, ids) => sum + ids.length, 0);
  if (problems.length > 0 || deliveries !== published.length * queueUrls.length) {
    throw new Error(
      `the SNS ledger does not balance: ${published.length} publishes × ${queueUrls.length} queues = ${published.length * queueUrls.length} deliveries expected, ${deliveries} received\n${problems.join('\n')}`,
    );
  }
  return deliveries;
}

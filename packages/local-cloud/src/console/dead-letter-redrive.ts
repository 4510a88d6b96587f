import type { LocalCloud } from '../cloud';
import type { SqsModel } from '../sqs/queue-model';
import type {
  DeadLetterView,
  MoveTaskView,
  RedriveMethod,
  RedriveRequest,
  RedriveResult,
} from './console-contract';
import { ConsoleRequestError } from './console-http';
import { existingQueueUrl, queueNames, queueUrlOf } from './queue-lookup';
import { sendToQueue } from './routes-queues';

type Redriven = { id: string; messageId: string; via: RedriveMethod };
type Failed = { id: string; error: string };

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function queueArnOf(model: SqsModel, queueName: string): string {
  const { Attributes = {} } = model.getQueueAttributes({
    QueueUrl: existingQueueUrl(model, queueName),
    AttributeNames: ['QueueArn'],
  });
  return Attributes.QueueArn ?? '';
}

/** A queue's latest message move task, as the console shows it. */
export function latestMoveTask(model: SqsModel, deadLetterQueueName: string): MoveTaskView | undefined {
  const sourceArn = queueArnOf(model, deadLetterQueueName);
  const [task] = model.listMessageMoveTasks({ SourceArn: sourceArn, MaxResults: 1 }).Results ?? [];
  if (task === undefined) return undefined;
  return {
    deadLetterQueueName,
    sourceArn,
    ...(task.DestinationArn === undefined ? {} : { destinationArn: task.DestinationArn }),
    status: (task.Status ?? 'RUNNING') as MoveTaskView['status'],
    approximateNumberOfMessagesMoved: task.ApproximateNumberOfMessagesMoved ?? 0,
    approximateNumberOfMessagesToMove: task.ApproximateNumberOfMessagesToMove ?? 0,
    ...(task.FailureReason === undefined ? {} : { failureReason: task.FailureReason }),
    startedMs: task.StartedTimestamp ?? 0,
  };
}

/**
 * Starts StartMessageMoveTask for a whole dead-letter queue, as AWS's console redrives one. With a
 * single source queue it is the destination, so messages a function sent there (which have no
 * source of their own) go back too; with several, each message returns to the queue it came from.
 */
function startMoveTask(model: SqsModel, deadLetterQueueName: string): void {
  const sources = model.deadLetterSourceNames(deadLetterQueueName);
  model.startMessageMoveTask({
    SourceArn: queueArnOf(model, deadLetterQueueName),
    ...(sources.length === 1 ? { DestinationArn: queueArnOf(model, sources[0]) } : {}),
  });
}

/**
 * Sends one dead letter back to its source queue, then takes it off its dead-letter queue: the
 * message as it is on the queue (its body and every attribute, binary and number ones included)
 * when it is still there, else the console's recorded copy (body and string attributes).
 */
function sendBack(model: SqsModel, letter: DeadLetterView): Redriven {
  if (letter.redriven !== undefined)
    throw new Error(`already redriven, as message ${letter.redriven.messageId}`);
  if (letter.sourceQueueName === undefined) throw new Error('its source queue is not known');
  const sourceUrl = existingQueueUrl(model, letter.sourceQueueName);
  const deadLetterUrl = queueUrlOf(model, letter.deadLetterQueueName);
  const onQueue = letter.onQueue
    ? model
        .peekMessages(deadLetterUrl, model.storedMessages(deadLetterUrl))
        .find((message) => message.messageId === letter.messageId)
    : undefined;
  if (onQueue === undefined) {
    const messageId = sendToQueue(model, sourceUrl, {
      body: letter.body,
      messageAttributes: letter.messageAttributes,
    });
    return { id: letter.id, messageId, via: 'recorded-copy' };
  }
  const { MessageId = '' } = model.sendMessage({
    QueueUrl: sourceUrl,
    MessageBody: onQueue.body,
    MessageAttributes: { ...onQueue.messageAttributes },
  });
  // Only once the send succeeded: a message that could not be sent back stays where it is.
  model.removeMessage(deadLetterUrl, letter.messageId);
  return { id: letter.id, messageId: MessageId, via: 'resent' };
}

/** The letters a request names, or a 404 naming every id that is no dead letter. */
function namedLetters(cloud: LocalCloud, ids: readonly string[]): DeadLetterView[] {
  if (ids.length === 0) throw new ConsoleRequestError(400, 'ids is empty: select at least one dead letter');
  const letters = ids.map((id) => cloud.activity.deadLetter(id));
  const unknown = ids.filter((_id, index) => letters[index] === undefined);
  if (unknown.length > 0)
    throw new ConsoleRequestError(404, `no dead letter ${unknown.join(', ')}; nothing was redriven`);
  return letters as DeadLetterView[];
}

/** Sends each letter back on its own (see {@link sendBack}), recording how. */
function sendEachBack(
  cloud: LocalCloud,
  letters: readonly DeadLetterView[],
  redriven: Redriven[],
  failed: Failed[],
) {
  for (const letter of letters) {
    try {
      const done = sendBack(cloud.sqs.model, letter);
      cloud.activity.markRedriven(letter.id, done.messageId, done.via);
      redriven.push(done);
    } catch (error) {
      failed.push({ id: letter.id, error: errorText(error) });
    }
  }
}

/**
 * `all`: every dead-letter queue (or the one named) holding letters not yet redriven is moved back
 * by one StartMessageMoveTask, which moves the real messages, attributes kept, and empties it;
 * letters a consumer already took off their queue are sent from the console's recorded copy.
 */
async function redriveAll(cloud: LocalCloud, request: RedriveRequest): Promise<RedriveResult> {
  const model = cloud.sqs.model;
  if (request.deadLetterQueueName !== undefined) existingQueueUrl(model, request.deadLetterQueueName);
  const letters = cloud.activity
    .deadLetters()
    .filter(
      (letter) =>
        letter.redriven === undefined &&
        (request.deadLetterQueueName === undefined ||
          letter.deadLetterQueueName === request.deadLetterQueueName),
    );
  const redriven: Redriven[] = [];
  const failed: Failed[] = [];
  const moved = new Set<string>();
  for (const queueName of new Set(letters.filter((l) => l.onQueue).map((l) => l.deadLetterQueueName))) {
    const onThisQueue = letters.filter(
      (letter) => letter.onQueue && letter.deadLetterQueueName === queueName,
    );
    try {
      startMoveTask(model, queueName);
      moved.add(queueName);
      for (const letter of onThisQueue)
        redriven.push({ id: letter.id, messageId: letter.messageId, via: 'move-task' });
    } catch (error) {
      for (const letter of onThisQueue) failed.push({ id: letter.id, error: errorText(error) });
    }
  }
  sendEachBack(
    cloud,
    letters.filter((letter) => !letter.onQueue),
    redriven,
    failed,
  );
  // The task's first step runs on the next turn of the timers: a small queue is moved by then.
  if (moved.size > 0) await new Promise((resolve) => setTimeout(resolve, 0));
  const moveTasks = [...moved].flatMap((queueName) => latestMoveTask(model, queueName) ?? []);
  return { redriven, failed, moveTasks };
}

/**
 * Redrives dead letters. `all` moves each dead-letter queue back with StartMessageMoveTask, as AWS
 * does; a selection is sent back one message at a time, since a move task moves every message of
 * its queue (see `docs/console.md`). A letter that cannot be redriven is listed in `failed` with
 * why, never dropped; ids that name no dead letter are a 404 and nothing is redriven.
 */
export async function redrive(cloud: LocalCloud, request: RedriveRequest): Promise<RedriveResult> {
  if (request.ids === 'all') return redriveAll(cloud, request);
  const redriven: Redriven[] = [];
  const failed: Failed[] = [];
  sendEachBack(cloud, namedLetters(cloud, request.ids), redriven, failed);
  return { redriven, failed };
}

/** The latest move task of every dead-letter queue that had one. */
export function moveTasks(model: SqsModel): MoveTaskView[] {
  return queueNames(model)
    .filter((name) => model.deadLetterSourceNames(name).length > 0)
    .flatMap((name) => latestMoveTask(model, name) ?? []);
}
